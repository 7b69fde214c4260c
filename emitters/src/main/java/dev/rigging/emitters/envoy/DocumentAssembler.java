package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.emitters.DocumentKind;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.emitters.SourceMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Lays out one proxy's resources as its four documents: a bootstrap with everything inline, and
 * three xDS files for filesystem dynamic config that share one {@code version_info}.
 */
final class DocumentAssembler {
  /** Stands in for the version while the xDS files are hashed; exactly as long as a version. */
  private static final String PLACEHOLDER = "0".repeat(16);

  private static final byte[] PLACEHOLDER_BYTES =
      PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);

  /**
   * Text buffers for the four documents, reused by each thread: a benchmark-sized mesh writes
   * hundreds of megabytes, and growing fresh buffers would copy all of it several times.
   */
  private static final ThreadLocal<PrettyJson[]> WRITERS = ThreadLocal.withInitial(
      () -> new PrettyJson[] {new PrettyJson(), new PrettyJson(), new PrettyJson(),
          new PrettyJson()});

  private final EnvoyOptions options;
  private final ListenerBuilder listeners = new ListenerBuilder();

  DocumentAssembler(EnvoyOptions options) {
    this.options = options;
  }

  List<EmittedDocument> documents(ProxyResources proxy) {
    String dir = "envoy/" + proxy.name() + "/";
    String routesPath = options.configFile(proxy.name(), "routes.json");

    var inlineListeners = proxy.listeners().stream()
        .map(l -> listeners.build(l, ListenerBuilder.Delivery.INLINE, routesPath))
        .toList();
    var rdsListeners = proxy.listeners().stream()
        .map(l -> listeners.build(l, ListenerBuilder.Delivery.RDS, routesPath))
        .toList();

    var bootstrap = Json.object();
    bootstrap.set("node", Json.object().put("id", proxy.name()).put("cluster", proxy.name()));
    var staticResources = Json.object();
    var bootstrapOrigins = new Origins();
    staticResources.set(
        "listeners", list(inlineListeners, ".static_resources.listeners", bootstrapOrigins));
    staticResources.set(
        "clusters", list(proxy.clusters(), ".static_resources.clusters", bootstrapOrigins));
    bootstrap.set("static_resources", staticResources);

    var listenerOrigins = new Origins();
    var clusterOrigins = new Origins();
    var routeOrigins = new Origins();
    var out = WRITERS.get();
    for (var writer : out) {
      writer.reset();
    }
    out[0].write(bootstrap);
    out[1].write(discovery(rdsListeners, EnvoyTypes.LISTENER, listenerOrigins));
    out[2].write(discovery(proxy.clusters(), EnvoyTypes.CLUSTER, clusterOrigins));
    out[3].write(discovery(proxy.routeConfigs(), EnvoyTypes.ROUTE_CONFIGURATION, routeOrigins));
    // One version for the three files, from their content: it changes exactly when they do.
    byte[] version = version(out[1], out[2], out[3]);
    for (int i = 1; i < 4; i++) {
      stamp(out[i], version);
    }

    return List.of(
        document(dir + "bootstrap.json", out[0], DocumentKind.ENVOY_BOOTSTRAP, proxy,
            bootstrapOrigins),
        document(dir + "listeners.json", out[1], DocumentKind.ENVOY_LISTENERS, proxy,
            listenerOrigins),
        document(dir + "clusters.json", out[2], DocumentKind.ENVOY_CLUSTERS, proxy,
            clusterOrigins),
        document(dir + "routes.json", out[3], DocumentKind.ENVOY_ROUTES, proxy, routeOrigins));
  }

  private static ArrayNode list(List<Built> resources, String path, Origins origins) {
    var array = Json.array();
    for (int i = 0; i < resources.size(); i++) {
      array.add(resources.get(i).json());
      origins.nest(path + "[" + i + "]", resources.get(i).origins());
    }
    return array;
  }

  /** A {@code DiscoveryResponse} whose resources are {@code Any}s of {@code type}. */
  private static ObjectNode discovery(List<Built> resources, String type, Origins origins) {
    var array = Json.array();
    for (int i = 0; i < resources.size(); i++) {
      var resource = Json.any(type);
      resource.setAll(resources.get(i).json());
      array.add(resource);
      origins.nest(".resources[" + i + "]", resources.get(i).origins());
    }
    var response = Json.object().put("version_info", PLACEHOLDER);
    response.set("resources", array);
    return response;
  }

  private static byte[] version(PrettyJson... documents) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      for (var document : documents) {
        digest.update(document.buffer(), 0, document.length());
      }
      String hex = HexFormat.of().formatHex(digest.digest());
      return hex.substring(0, PLACEHOLDER.length()).getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Writes the version over the placeholder, which is the first string value of the file. */
  private static void stamp(PrettyJson document, byte[] version) {
    byte[] text = document.buffer();
    int at = indexOf(text, document.length(), PLACEHOLDER_BYTES);
    System.arraycopy(version, 0, text, at, version.length);
  }

  private static int indexOf(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no version placeholder in an xDS document");
  }

  private static EmittedDocument document(
      String path, PrettyJson content, DocumentKind kind, ProxyResources proxy, Origins origins) {
    var map = SourceMap.lazy(proxy.span(), sink -> origins.replay("", sink));
    return new EmittedDocument(path, content.text(), kind, map);
  }
}
