package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.Target;
import java.util.Objects;

/**
 * Where proxies listen and how one proxy reaches another: all on one host, or each in its own
 * Kubernetes pod behind a Service.
 */
public sealed interface Network {
  /** Every proxy on one host: listeners and peers on 127.0.0.1, as for a local run. */
  record Loopback() implements Network {}

  /**
   * Each proxy in a pod: inbound and gateway listeners on every interface (the pod's Service sends
   * to them), the outbound listener still on 127.0.0.1 (only the pod's own app uses it), and peers
   * by the DNS name of their Service: {@code <service>.<namespace>.svc.<domain>} for a whole
   * service, {@code <service>-<version>.<namespace>.svc.<domain>} for one version.
   */
  record KubernetesDns(String namespace, String clusterDomain) implements Network {
    public KubernetesDns {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(clusterDomain, "clusterDomain");
    }
  }

  /** The address the inbound listener (or a gateway's listener) binds. */
  default String servingAddress() {
    return switch (this) {
      case Loopback l -> Names.LOCALHOST;
      case KubernetesDns k -> "0.0.0.0";
    };
  }

  /** The host at which a proxy reaches the sidecar(s) serving {@code target}. */
  default String peerHost(Target target) {
    return switch (this) {
      case Loopback l -> Names.LOCALHOST;
      case KubernetesDns k ->
          target.version().map(v -> target.service() + "-" + v).orElse(target.service())
              + "."
              + k.namespace()
              + ".svc."
              + k.clusterDomain();
    };
  }
}
