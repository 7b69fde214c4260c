package dev.rigging.emitters.envoy;

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
 *
 * <p>The xDS files repeat most of the bootstrap: every cluster, and every listener whose routes are
 * inline in both layouts (the inbound one). Such a resource is built and written once, into the
 * bootstrap, and its bytes are copied from there. Compact JSON makes that exact: a value's text is
 * the same wherever it sits, so the documents are byte for byte what writing each whole tree would
 * give.
 */
final class DocumentAssembler {
  /** Stands in for the version while the xDS files are hashed; exactly as long as a version. */
  private static final String PLACEHOLDER = "0".repeat(16);

  private static final byte[] PLACEHOLDER_BYTES = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);

  /**
   * Text buffers for the four documents and a scratch one, reused by each thread: a benchmark-sized
   * mesh writes hundreds of megabytes, and growing fresh buffers would copy all of it several
   * times.
   */
  private static final ThreadLocal<CompactJson[]> WRITERS =
      ThreadLocal.withInitial(
          () ->
              new CompactJson[] {
                new CompactJson(),
                new CompactJson(),
                new CompactJson(),
                new CompactJson(),
                new CompactJson()
              });

  private final EnvoyOptions options;
  private final ListenerBuilder listeners = new ListenerBuilder();

  DocumentAssembler(EnvoyOptions options) {
    this.options = options;
  }

  List<EmittedDocument> documents(ProxyResources proxy) {
    String dir = "envoy/" + proxy.name() + "/";
    String routesPath = options.configFile(proxy.name(), "routes.json");
    var out = WRITERS.get();
    for (var writer : out) {
      writer.reset();
    }

    // The bootstrap, noting where each listener and cluster sits in it.
    var bootstrap = out[0];
    var bootstrapOrigins = new Origins();
    var specs = proxy.listeners();
    var inline =
        specs.stream()
            .map(l -> listeners.build(l, ListenerBuilder.Delivery.INLINE, routesPath))
            .toList();
    bootstrap.beginObject().name("node").beginObject();
    bootstrap.field("id", proxy.name()).field("cluster", proxy.name()).endObject();
    bootstrap.name("static_resources").beginObject().name("listeners");
    int[] listenerAt = list(bootstrap, inline, ".static_resources.listeners", bootstrapOrigins);
    bootstrap.name("clusters");
    int[] clusterAt =
        list(bootstrap, proxy.clusters(), ".static_resources.clusters", bootstrapOrigins);
    bootstrap.endObject().endObject().newline();

    // listeners.json: a listener whose routes stay inline in both layouts is copied.
    var listenerOrigins = new Origins();
    var listenerFile = discoveryStart(out[1]);
    var scratch = out[4];
    for (int i = 0; i < specs.size(); i++) {
      String url = EnvoyTypes.url(EnvoyTypes.LISTENER);
      Built built;
      if (ListenerBuilder.routesAlwaysInline(specs.get(i))) {
        built = inline.get(i);
        listenerFile.any(url, bootstrap, listenerAt[2 * i], listenerAt[2 * i + 1]);
      } else {
        built = listeners.build(specs.get(i), ListenerBuilder.Delivery.RDS, routesPath);
        scratch.reset();
        built.json().writeTo(scratch);
        listenerFile.any(url, scratch, 0, scratch.length());
      }
      listenerOrigins.nest(".resources[" + i + "]", built.origins());
    }
    discoveryEnd(listenerFile);

    // clusters.json: every cluster copied from the bootstrap.
    var clusterOrigins = new Origins();
    var clusterFile = discoveryStart(out[2]);
    for (int i = 0; i < proxy.clusters().size(); i++) {
      clusterFile.any(
          EnvoyTypes.url(EnvoyTypes.CLUSTER), bootstrap, clusterAt[2 * i], clusterAt[2 * i + 1]);
      clusterOrigins.nest(".resources[" + i + "]", proxy.clusters().get(i).origins());
    }
    discoveryEnd(clusterFile);

    // routes.json: the route configs, which the bootstrap has deep inside its listeners.
    var routeOrigins = new Origins();
    var routeFile = discoveryStart(out[3]);
    for (int i = 0; i < proxy.routeConfigs().size(); i++) {
      Built config = proxy.routeConfigs().get(i);
      if (!(config.json() instanceof Fragment fragment)) {
        throw new IllegalStateException("a route config for routes.json is written once");
      }
      routeFile.any(EnvoyTypes.url(EnvoyTypes.ROUTE_CONFIGURATION), fragment);
      routeOrigins.nest(".resources[" + i + "]", config.origins());
    }
    discoveryEnd(routeFile);

    // One version for the three files, from their content: it changes exactly when they do.
    byte[] version = version(out[1], out[2], out[3]);
    for (int i = 1; i < 4; i++) {
      stamp(out[i], version);
    }

    return List.of(
        document(
            dir + "bootstrap.json", out[0], DocumentKind.ENVOY_BOOTSTRAP, proxy, bootstrapOrigins),
        document(
            dir + "listeners.json", out[1], DocumentKind.ENVOY_LISTENERS, proxy, listenerOrigins),
        document(dir + "clusters.json", out[2], DocumentKind.ENVOY_CLUSTERS, proxy, clusterOrigins),
        document(dir + "routes.json", out[3], DocumentKind.ENVOY_ROUTES, proxy, routeOrigins));
  }

  /**
   * Writes {@code resources} as a JSON array and returns where each element went: element {@code i}
   * is at {@code [at[2i], at[2i+1])}.
   */
  private static int[] list(CompactJson out, List<Built> resources, String path, Origins origins) {
    int[] at = new int[2 * resources.size()];
    out.beginArray();
    for (int i = 0; i < resources.size(); i++) {
      at[2 * i] = out.length() + (i > 0 ? 1 : 0); // after the comma
      resources.get(i).json().writeTo(out);
      at[2 * i + 1] = out.length();
      origins.nest(path + "[" + i + "]", resources.get(i).origins());
    }
    out.endArray();
    return at;
  }

  /** Opens a {@code DiscoveryResponse}; its resources are {@code Any}s. */
  private static CompactJson discoveryStart(CompactJson out) {
    return out.beginObject().field("version_info", PLACEHOLDER).name("resources").beginArray();
  }

  private static void discoveryEnd(CompactJson out) {
    out.endArray().endObject().newline();
  }

  private static byte[] version(CompactJson... documents) {
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
  private static void stamp(CompactJson document, byte[] version) {
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
      String path, CompactJson content, DocumentKind kind, ProxyResources proxy, Origins origins) {
    var map = SourceMap.lazy(proxy.span(), sink -> origins.replay("", sink));
    return new EmittedDocument(path, content.text(), kind, map);
  }
}
