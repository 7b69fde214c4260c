package dev.rigging.proxy.net;

import java.io.IOException;

/**
 * A reused keep-alive connection was lost before any byte of the response to the request it carried
 * arrived: the upstream most likely closed it as idle just as the request was put on it. An
 * idempotent request without a body is then safe to send again on a fresh connection.
 */
final class StaleConnectionException extends IOException {
  StaleConnectionException(IOException cause) {
    super("reused upstream connection closed before any response: " + cause.getMessage(), cause);
  }
}
