package dev.rigging.validators.kubernetes;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Kubernetes kinds rig emits or rewrites, each with the official client model that parses it
 * strictly and the vendored JSON Schema that describes it.
 */
public enum KubernetesKind {
  NAMESPACE("v1", "Namespace", V1Namespace.class),
  SERVICE_ACCOUNT("v1", "ServiceAccount", V1ServiceAccount.class),
  CONFIG_MAP("v1", "ConfigMap", V1ConfigMap.class),
  SERVICE("v1", "Service", V1Service.class),
  DEPLOYMENT("apps/v1", "Deployment", V1Deployment.class);

  private final String apiVersion;
  private final String kind;
  private final Class<?> model;

  KubernetesKind(String apiVersion, String kind, Class<?> model) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.model = model;
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  /** The generated model class of client-java-api. */
  public Class<?> model() {
    return model;
  }

  /**
   * The vendored schema's file name, as in the kubernetes-json-schema layout: {@code
   * deployment-apps-v1.json}, {@code service-v1.json}.
   */
  public String schemaFile() {
    String group = apiVersion.contains("/") ? "-" + apiVersion.replace('/', '-') : "-" + apiVersion;
    return kind.toLowerCase(java.util.Locale.ROOT) + group + ".json";
  }

  /** Returns the kind with this {@code apiVersion} and {@code kind}, if rig knows it. */
  public static Optional<KubernetesKind> of(String apiVersion, String kind) {
    return Arrays.stream(values())
        .filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind))
        .findFirst();
  }
}
