<#-- The sidecar: its containers and volumes as YAML list items at column 0, shared by the
     Deployments rig renders and by `rig inject`, which splices them into a user's Deployment.
     Reads sidecar, sidecarImage, portName, meshPort, configDir, certDir, configMap, certSecret. -->
<#macro containers>
<#if sidecar == "envoy">
- name: "envoy"
  image: ${q(sidecarImage)}
  args:
  - "--config-path"
  - ${q(configDir + "/bootstrap.json")}
  - "--log-level"
  - "info"
  ports:
  - name: ${q(portName)}
    containerPort: ${meshPort}
    protocol: "TCP"
  volumeMounts:
  - name: "rigging-config"
    mountPath: ${q(configDir)}
    readOnly: true
  - name: "rigging-certs"
    mountPath: ${q(certDir)}
    readOnly: true
<#else>
- name: "rigging-proxy"
  image: ${q(sidecarImage)}
  args:
  - "proxy"
  - "--config-dir"
  - ${q(configDir)}
  - "--cert-dir"
  - ${q(certDir)}
  ports:
  - name: ${q(portName)}
    containerPort: ${meshPort}
    protocol: "TCP"
  volumeMounts:
  - name: "rigging-config"
    mountPath: ${q(configDir)}
    readOnly: true
  - name: "rigging-certs"
    mountPath: ${q(certDir)}
    readOnly: true
- name: "rigging-agent"
  image: ${q(sidecarImage)}
  args:
  - "agent"
  - "--watch"
  - ${q(configDir)}
  volumeMounts:
  - name: "rigging-config"
    mountPath: ${q(configDir)}
    readOnly: true
</#if>
</#macro>
<#macro volumes>
- name: "rigging-config"
  configMap:
    name: ${q(configMap)}
- name: "rigging-certs"
  secret:
    secretName: ${q(certSecret)}
    items:
    - key: "tls.crt"
      path: "cert.pem"
    - key: "tls.key"
      path: "key.pem"
    - key: "ca.crt"
      path: "ca.pem"
</#macro>
<#-- Rendered on its own (by rig inject): both lists under their keys. -->
containers:
<@containers/>
volumes:
<@volumes/>
