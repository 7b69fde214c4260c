package dev.rigging.validators;

import java.util.Objects;

/**
 * One problem found in an Envoy document.
 *
 * @param path JSON-style path to the offending value, using the proto (snake_case) field names as
 *     emitted, e.g. {@code static_resources.clusters[2].load_assignment.endpoints[0]}; map entries
 *     read {@code field["key"]}; {@code ""} is the document root
 * @param message what is wrong, in the wording of protoc-gen-validate where a PGV rule failed
 */
public record Violation(String path, String message) {

  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "<root>" : path) + ": " + message;
  }
}
