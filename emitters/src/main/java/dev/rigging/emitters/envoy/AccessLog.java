package dev.rigging.emitters.envoy;

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

  /** Writes the {@code access_log} entry of an HCM. */
  static void stdout(CompactJson out) {
    out.beginObject().field("name", EnvoyTypes.STDOUT_LOGGER).name("typed_config");
    out.beginAny(EnvoyTypes.STDOUT_ACCESS_LOG).name("log_format").beginObject();
    out.name("json_format").beginObject();
    for (String[] field : FIELDS) {
      out.field(field[0], field[1]);
    }
    out.endObject().endObject().endObject().endObject();
  }
}
