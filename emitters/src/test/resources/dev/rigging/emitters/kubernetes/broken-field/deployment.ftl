<#import "metadata.ftl" as m>
<#import "sidecar.ftl" as s>
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
<#assign sidecarContainers><@s.containers/></#assign>
${indent(sidecarContainers, 6)}      volumes:
<#assign sidecarVolumes><@s.volumes/></#assign>
${indent(sidecarVolumes, 6)}