package dev.rigging.proxy.runtime;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.rigging.proxy.net.ExchangeLog;
import java.net.InetSocketAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Envoy's {@code json_format} access-log lines: each field's format string with its command
 * operators replaced. As in Envoy, a field that is exactly one operator keeps the operator's type
 * (numbers stay numbers) and is null when the value is unknown; in text, an unknown value is {@code
 * -}.
 */
final class AccessLogFormat {
  private static final Pattern OPERATOR = Pattern.compile("%([A-Z_]+)(?:\\(([^)]*)\\))?%");
  private static final DateTimeFormatter START_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> SUPPORTED =
      List.of(
          "REQ",
          "START_TIME",
          "DURATION",
          "RESPONSE_CODE",
          "RESPONSE_FLAGS",
          "BYTES_RECEIVED",
          "BYTES_SENT",
          "PROTOCOL",
          "ROUTE_NAME",
          "UPSTREAM_CLUSTER",
          "UPSTREAM_HOST",
          "DOWNSTREAM_REMOTE_ADDRESS",
          "DOWNSTREAM_PEER_URI_SAN");

  private AccessLogFormat() {}

  /** The operators of {@code format} this formatter cannot produce; empty when it can. */
  static List<String> unsupported(Map<String, String> format) {
    return format.values().stream()
        .flatMap(value -> OPERATOR.matcher(value).results())
        .map(match -> match.group(1))
        .filter(name -> !SUPPORTED.contains(name))
        .distinct()
        .toList();
  }

  /** One JSON line for {@code log}, fields in name order. */
  static String line(Map<String, String> format, ExchangeLog log) {
    JsonObject json = new JsonObject();
    for (Map.Entry<String, String> field : new TreeMap<>(format).entrySet()) {
      String spec = field.getValue();
      Matcher whole = OPERATOR.matcher(spec);
      if (whole.matches()) {
        Object value = value(whole.group(1), whole.group(2), log);
        switch (value) {
          case null -> json.add(field.getKey(), com.google.gson.JsonNull.INSTANCE);
          case Number n -> json.add(field.getKey(), new JsonPrimitive(n));
          default -> json.addProperty(field.getKey(), value.toString());
        }
        continue;
      }
      Matcher parts = OPERATOR.matcher(spec);
      StringBuilder text = new StringBuilder();
      while (parts.find()) {
        Object value = value(parts.group(1), parts.group(2), log);
        parts.appendReplacement(
            text, Matcher.quoteReplacement(value == null ? "-" : value.toString()));
      }
      parts.appendTail(text);
      json.addProperty(field.getKey(), text.toString());
    }
    return json.toString();
  }

  private static Object value(String operator, String argument, ExchangeLog log) {
    return switch (operator) {
      case "REQ" -> request(argument == null ? "" : argument, log);
      case "START_TIME" -> START_TIME.format(log.start());
      case "DURATION" -> log.durationNanos() / 1_000_000;
      case "RESPONSE_CODE" -> log.responseCode();
      case "RESPONSE_FLAGS" ->
          log.responseFlags().isEmpty() ? "-" : String.join(",", log.responseFlags());
      case "BYTES_RECEIVED" -> log.bytesReceived();
      case "BYTES_SENT" -> log.bytesSent();
      case "PROTOCOL" -> log.protocol();
      case "ROUTE_NAME" -> log.routeName().isEmpty() ? null : log.routeName();
      case "UPSTREAM_CLUSTER" -> log.upstreamCluster().isEmpty() ? null : log.upstreamCluster();
      case "UPSTREAM_HOST" -> address(log.upstreamHost());
      case "DOWNSTREAM_REMOTE_ADDRESS" -> address(log.remote());
      case "DOWNSTREAM_PEER_URI_SAN" -> log.connection().peerUriSan().orElse(null);
      default -> null;
    };
  }

  /** {@code %REQ(X?Y)%}: header X, else Y; pseudo-headers from the request line. */
  private static String request(String argument, ExchangeLog log) {
    for (String name : argument.split("\\?")) {
      Optional<String> value =
          switch (name.toUpperCase(Locale.ROOT)) {
            case ":PATH" -> Optional.of(log.uri()).filter(u -> !u.isEmpty());
            case ":METHOD" -> Optional.of(log.method()).filter(m -> !m.isEmpty());
            case ":AUTHORITY" -> Optional.ofNullable(log.headers().get("host"));
            default -> Optional.ofNullable(log.headers().get(name));
          };
      if (value.isPresent()) {
        return value.get();
      }
    }
    return null;
  }

  private static String address(InetSocketAddress address) {
    return address == null ? null : address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
