package dev.rigging.proxy.route;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of a request that routing reads: authority, path (with query string) and headers.
 *
 * <p>Immutable; header names are compared case-insensitively and several values of one header are
 * seen joined with {@code ","}, as Envoy's header matchers see them.
 */
public final class RouteRequest {

  private final String authority;
  private final String path;
  private final String pathWithoutQuery;
  private final String query;
  private final HeaderLookup headers;
  private Map<String, String> queryParameters; // parsed on first use: most routes never look

  /** A request's headers by lower-case name, pseudo-headers included. */
  @FunctionalInterface
  public interface HeaderLookup {
    /** The joined values of header {@code lowerCaseName}, or null when absent. */
    String get(String lowerCaseName);
  }

  private RouteRequest(String authority, String path, HeaderLookup headers) {
    this.authority = Objects.requireNonNull(authority, "authority");
    this.path = Objects.requireNonNull(path, "path");
    int question = path.indexOf('?');
    this.pathWithoutQuery = question < 0 ? path : path.substring(0, question);
    this.query = question < 0 ? "" : path.substring(question + 1);
    this.headers = headers;
  }

  /** A request with the given {@code :authority}, {@code :path} and headers (names in any case). */
  public static RouteRequest of(String authority, String path, Map<String, List<String>> headers) {
    Builder builder = builder(authority, path);
    headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    return builder.build();
  }

  /** Starts a request with the given {@code :authority} and {@code :path}. */
  public static Builder builder(String authority, String path) {
    return new Builder(authority, path);
  }

  /** Collects a request's headers once, in the order received; used for one request only. */
  public static final class Builder {
    private final String authority;
    private final String path;
    private Map<String, String> headers = new HashMap<>();

    private Builder(String authority, String path) {
      this.authority = authority;
      this.path = path;
    }

    /** Adds a value of header {@code name} (any case); repeated names join with {@code ","}. */
    public Builder header(String name, String value) {
      headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
      return this;
    }

    /** Sets {@code name} to {@code value}, replacing what the client sent: for pseudo-headers. */
    public Builder replace(String name, String value) {
      headers.put(name.toLowerCase(Locale.ROOT), value);
      return this;
    }

    /** The request; the builder is spent. */
    public RouteRequest build() {
      Map<String, String> built = headers;
      headers = null; // the map now belongs to the request, which never changes it
      return new RouteRequest(authority, path, built::get);
    }
  }

  /** A request without headers beyond authority and path. */
  public static RouteRequest of(String authority, String path) {
    return new RouteRequest(authority, path, name -> null);
  }

  /**
   * A request whose headers are looked up when a matcher asks, rather than collected beforehand:
   * for the data path, where most requests are routed on a header or two out of many. The request
   * is as immutable as what {@code headers} reads: the caller leaves that unchanged while the
   * request is in use.
   */
  public static RouteRequest of(String authority, String path, HeaderLookup headers) {
    return new RouteRequest(authority, path, headers);
  }

  public String authority() {
    return authority;
  }

  /** The path as received, query string included. */
  public String path() {
    return path;
  }

  /** The path up to, not including, the first {@code ?}: what path conditions see. */
  public String pathWithoutQuery() {
    return pathWithoutQuery;
  }

  /** The joined values of header {@code lowerCaseName}, or null when absent. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  /**
   * The first percent-decoded value of query parameter {@code name}; "" when given without value;
   * null when absent.
   */
  public String queryParameter(String name) {
    Map<String, String> parameters = queryParameters;
    if (parameters == null) {
      // An immutable map is safely published, so a racing second parse is harmless.
      parameters = Map.copyOf(parseQuery(query));
      queryParameters = parameters;
    }
    return parameters.get(name);
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = percentDecode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : percentDecode(pair.substring(equals + 1));
      parameters.putIfAbsent(name, value); // Envoy's matcher reads the first value
    }
    return parameters;
  }

  /**
   * Decodes {@code %XX} escapes; like Envoy, leaves {@code +} and malformed escapes as they are.
   */
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
        i += 2;
      } else {
        bytes.write(raw[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  @Override
  public String toString() {
    return "RouteRequest[" + authority + " " + path + "]";
  }
}
