apiVersion: v1
kind: Namespace
metadata:
  name: ${q(name)}
  labels:
<#list labels as key, value>
    ${q(key)}: ${q(value)}
</#list>
  annotations:
<#list annotations as key, value>
    ${q(key)}: ${q(value)}
</#list>
