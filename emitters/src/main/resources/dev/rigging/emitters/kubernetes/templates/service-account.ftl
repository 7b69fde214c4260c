<#import "metadata.ftl" as m>
apiVersion: v1
kind: ServiceAccount
<@m.metadata name=name namespace=namespace labels=labels annotations=annotations/>
automountServiceAccountToken: false
