<#import "metadata.ftl" as m>
<#-- One Deployment: the app container (none for a gateway) and the proxy beside it. The proxy
     reads its compiled configuration from the ConfigMap and its certificate from the Secret. -->
apiVersion: apps/v1
kind: Deployment
<@m.metadata name=name namespace=namespace labels=labels annotations=annotations/>
spec:
  selector:
    matchLabels:
<@m.map indent=6 entries=selector/>
  template:
    metadata:
      labels:
<@m.map indent=8 entries=labels/>
      annotations:
<@m.map indent=8 entries=podAnnotations/>
    spec:
      serviceAccountName: ${q(serviceAccount)}
      automountServiceAccountToken: false
      containers:
<#if app??>
      - name: "app"
        imagee: ${q(app.image)}
        ports:
        - name: "app"
          containerPort: ${app.port}
          protocol: "TCP"
</#if>
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
      volumes:
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
