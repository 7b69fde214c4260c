package dev.rigging.compiler.ir;

import java.util.List;
import java.util.Optional;

/**
 * The checked, typed mesh: what the emitters consume. Services and gateways are sorted by name, so
 * emitted output does not depend on file or declaration order.
 */
public record Mesh(
    String name, List<Service> services, List<Gateway> gateways, List<Input> inputs) {
  public Mesh {
    services = List.copyOf(services);
    gateways = List.copyOf(gateways);
    inputs = List.copyOf(inputs);
  }

  public Optional<Service> service(String serviceName) {
    return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
  }

  /** Returns the SPIFFE ID of a service or gateway of this mesh. */
  public String spiffeId(String workload) {
    return "spiffe://" + name + "/" + workload;
  }

  /** One source file that went into the mesh, with the SHA-256 of its bytes (hex). */
  public record Input(String path, String sha256) {}
}
