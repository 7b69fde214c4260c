package dev.rigging.agent;

import java.io.IOException;

/**
 * The proxy could not take a configuration: it answered the reload with an error, or exited while
 * starting on it. Unlike a timeout or a lost connection, trying again will not help, so the commit
 * is refused.
 */
final class ConfigRefused extends IOException {
  ConfigRefused(String message) {
    super(message);
  }
}
