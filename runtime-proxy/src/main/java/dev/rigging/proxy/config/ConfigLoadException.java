package dev.rigging.proxy.config;

import java.util.List;

/** Raised when a configuration cannot be loaded; {@link #problems()} lists every reason found. */
public class ConfigLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems; // never serialised: exceptions stay in-process

  public ConfigLoadException(String source, List<String> problems) {
    super(source + ": " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigLoadException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.problems = List.of(problem);
  }

  /** Each problem, most naming the JSON path it is about. */
  public List<String> problems() {
    return problems;
  }
}
