package dev.rigging.agent;

import dev.rigging.proxy.config.ConfigLoadException;
import dev.rigging.proxy.config.ProxyConfigLoader;
import dev.rigging.validators.EnvoyType;
import dev.rigging.validators.EnvoyValidator;
import dev.rigging.validators.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a proxy's configuration directory before the proxy is asked to load it: every document
 * against Envoy's API (the compiler's own validator), then a full load by the proxy's loader, which
 * also refuses fields the proxy cannot honour.
 */
final class ConfigCheck {
  private static final Map<String, EnvoyType> DOCUMENTS =
      Map.of(
          "bootstrap.json", EnvoyType.BOOTSTRAP,
          "listeners.json", EnvoyType.DISCOVERY_RESPONSE,
          "clusters.json", EnvoyType.DISCOVERY_RESPONSE,
          "routes.json", EnvoyType.DISCOVERY_RESPONSE);

  private final EnvoyValidator validator;

  ConfigCheck(EnvoyValidator validator) {
    this.validator = validator;
  }

  /** Returns what is wrong with the configuration in {@code dir}; empty when it may be applied. */
  List<String> problems(Path dir, String proxy) {
    List<String> problems = new ArrayList<>();
    for (var document : DOCUMENTS.entrySet()) {
      Path file = dir.resolve(document.getKey());
      if (!Files.isRegularFile(file)) {
        problems.add(document.getKey() + ": missing");
        continue;
      }
      try {
        for (Violation violation :
            validator.validate(Files.readString(file), document.getValue())) {
          problems.add(document.getKey() + ": " + violation);
        }
      } catch (IOException e) {
        problems.add(document.getKey() + ": cannot read: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(null);
      return problems;
    }
    try {
      ProxyConfigLoader loader = new ProxyConfigLoader();
      loader.load(dir.resolve("bootstrap.json"));
      loader.loadXds(dir, proxy);
    } catch (IOException | ConfigLoadException | RuntimeException e) {
      problems.add(String.valueOf(e.getMessage()));
    }
    return problems;
  }
}
