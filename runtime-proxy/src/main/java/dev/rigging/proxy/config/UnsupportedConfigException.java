package dev.rigging.proxy.config;

import java.util.List;

/**
 * Raised when valid Envoy configuration asks for something the Rigging proxy does not honour; each
 * problem reads {@code <json path>: not supported by the Rigging proxy} or similar.
 */
public final class UnsupportedConfigException extends ConfigLoadException {

  private static final long serialVersionUID = 1L;

  public UnsupportedConfigException(String source, List<String> problems) {
    super(source, problems);
  }
}
