package dev.rigging.validators;

/**
 * A PGV rule this validator does not know how to evaluate. Raised while compiling rules so that a
 * new rule kind in a future Envoy API jar cannot be skipped silently; a test compiles the rules of
 * every message type in the jar to catch it.
 */
final class UnsupportedRuleException extends RuntimeException {

  UnsupportedRuleException(String message) {
    super(message);
  }
}
