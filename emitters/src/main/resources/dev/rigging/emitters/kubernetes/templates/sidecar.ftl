<#-- The sidecar: its containers and volumes as YAML list items at column 0, shared by the
     Deployments rig renders and by `rig inject`, which splices them into a user's Deployment.
     Reads sidecar (envoy, rigging or rigging-gitops), sidecarImage, proxy, portName, meshPort,
     adminPort, configDir, certDir, configMap, certSecret; for rigging-gitops also gitopsRepo,
     gitopsBranch, gitopsPath, configRoot, stateDir, agentPort. -->
<#macro meshPortItem>
  - name: ${q(portName)}
    containerPort: ${meshPort}
    protocol: "TCP"
</#macro>
<#macro probes port livePath readyPath>
  readinessProbe:
    httpGet:
      path: ${q(readyPath)}
      port: ${port}
    periodSeconds: 5
    failureThreshold: 3
  livenessProbe:
    httpGet:
      path: ${q(livePath)}
      port: ${port}
    initialDelaySeconds: 30
    periodSeconds: 10
    failureThreshold: 6
</#macro>
<#macro certsMount>
  - name: "rigging-certs"
    mountPath: ${q(certDir)}
    readOnly: true
</#macro>
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
<@meshPortItem/>
  volumeMounts:
  - name: "rigging-config"
    mountPath: ${q(configDir)}
    readOnly: true
<@certsMount/>
<#elseif sidecar == "rigging">
<#-- The admin listener binds every interface: kubelet probes the pod's IP, not its loopback.
     See docs/KUBERNETES.md for what that exposes. -->
- name: "rigging-proxy"
  image: ${q(sidecarImage)}
  args:
  - "proxy"
  - "--config"
  - ${q(configDir)}
  - "--admin"
  - ${q("0.0.0.0:" + adminPort?c)}
  ports:
<@meshPortItem/>
  - name: "rig-admin"
    containerPort: ${adminPort}
    protocol: "TCP"
<@probes port=adminPort livePath="/ready" readyPath="/ready"/>
  volumeMounts:
  - name: "rigging-config"
    mountPath: ${q(configDir)}
    readOnly: true
<@certsMount/>
<#else>
<#-- The agent starts `rig proxy` itself (admin on loopback) and answers the probes on its own
     listener, which binds every interface for kubelet. -->
- name: "rigging-agent"
  image: ${q(sidecarImage)}
  args:
  - "agent"
  - "--repo"
  - ${q(gitopsRepo)}
  - "--branch"
  - ${q(gitopsBranch)}
  - "--repo-path"
  - ${q(gitopsPath)}
  - "--proxy"
  - ${q(proxy + "=127.0.0.1:" + adminPort?c)}
  - "--config-root"
  - ${q(configRoot)}
  - "--state-dir"
  - ${q(stateDir)}
  - "--listen"
  - ${q("0.0.0.0:" + agentPort?c)}
  ports:
<@meshPortItem/>
  - name: "rig-agent"
    containerPort: ${agentPort}
    protocol: "TCP"
<@probes port=agentPort livePath="/status" readyPath="/ready"/>
  volumeMounts:
  - name: "rigging-config"
    mountPath: ${q(configRoot)}
  - name: "rigging-state"
    mountPath: ${q(stateDir)}
<@certsMount/>
</#if>
</#macro>
<#macro volumes>
<#if sidecar == "rigging-gitops">
- name: "rigging-config"
  emptyDir: {}
- name: "rigging-state"
  emptyDir: {}
<#else>
- name: "rigging-config"
  configMap:
    name: ${q(configMap)}
</#if>
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
