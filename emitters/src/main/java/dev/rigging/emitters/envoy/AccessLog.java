package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON line per request on stdout, where a container runtime collects it. The field set is
 * fixed and sorted so that log pipelines can rely on it.
 */
final class AccessLog {
  private AccessLog() {}

  private static final String[][] FIELDS = {
    {"authority", "%REQ(:AUTHORITY)%"},
    {"bytes_received", "%BYTES_RECEIVED%"},
    {"bytes_sent", "%BYTES_SENT%"},
    {"downstream_peer_uri_san", "%DOWNSTREAM_PEER_URI_SAN%"},
    {"downstream_remote_address", "%DOWNSTREAM_REMOTE_ADDRESS%"},
    {"duration_ms", "%DURATION%"},
    {"method", "%REQ(:METHOD)%"},
    {"path", "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%"},
    {"protocol", "%PROTOCOL%"},
    {"request_id", "%REQ(X-REQUEST-ID)%"},
    {"response_code", "%RESPONSE_CODE%"},
    {"response_flags", "%RESPONSE_FLAGS%"},
    {"route_name", "%ROUTE_NAME%"},
    {"start_time", "%START_TIME%"},
    {"upstream_cluster", "%UPSTREAM_CLUSTER%"},
    {"upstream_host", "%UPSTREAM_HOST%"},
    {"user_agent", "%REQ(USER-AGENT)%"},
  };

  /** Returns the {@code access_log} entry of an HCM. */
  static ObjectNode stdout() {
    var format = Json.object();
    for (String[] field : FIELDS) {
      format.put(field[0], field[1]);
    }
    var config = Json.any(EnvoyTypes.STDOUT_ACCESS_LOG);
    config.set("log_format", Json.single("json_format", format));
    var log = Json.object().put("name", EnvoyTypes.STDOUT_LOGGER);
    log.set("typed_config", config);
    return log;
  }
}
