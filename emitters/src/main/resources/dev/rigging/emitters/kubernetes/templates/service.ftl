<#import "metadata.ftl" as m>
apiVersion: v1
kind: Service
<@m.metadata name=name namespace=namespace labels=labels annotations=annotations/>
spec:
  type: ${q(type)}
  selector:
<@m.map indent=4 entries=selector/>
  ports:
  - name: ${q(portName)}
    port: ${port}
    targetPort: ${q(portName)}
    protocol: "TCP"
    appProtocol: ${q(appProtocol)}
