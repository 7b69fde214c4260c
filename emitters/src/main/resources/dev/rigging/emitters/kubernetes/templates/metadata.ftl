<#-- Shared metadata block: name, namespace, labels, annotations (all maps sorted by the caller). -->
<#macro metadata name namespace labels annotations>
metadata:
  name: ${q(name)}
  namespace: ${q(namespace)}
  labels:
<#list labels as key, value>
    ${q(key)}: ${q(value)}
</#list>
  annotations:
<#list annotations as key, value>
    ${q(key)}: ${q(value)}
</#list>
</#macro>
<#macro map indent entries>
<#list entries as key, value>
${""?left_pad(indent)}${q(key)}: ${q(value)}
</#list>
</#macro>
