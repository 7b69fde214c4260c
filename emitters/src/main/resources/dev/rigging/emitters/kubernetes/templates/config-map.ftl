<#import "metadata.ftl" as m>
apiVersion: v1
kind: ConfigMap
<@m.metadata name=name namespace=namespace labels=labels annotations=annotations/>
data:
<#list files as file, content>
  ${q(file)}: ${q(content)}
</#list>
