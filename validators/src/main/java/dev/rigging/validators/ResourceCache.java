package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.rigging.validators.JsonSlices.Slice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fast path of a {@link ValidationSession}: reads a bootstrap or {@code DiscoveryResponse} with
 * {@link WireJsonReader}, each top-level resource text read once per session. The resources (a
 * bootstrap's {@code static_resources.listeners[i]} and {@code clusters[i]}, a response's {@code
 * resources[i]}) are cut out with {@link JsonSlices}, each read on its own or found in the cache by
 * its exact text and type (a {@code {"@type":"URL",...}} resource by its content, the text its
 * bootstrap holds), and the rest of the document is read with {@code {}} placeholders standing for
 * their wire forms. A message value reads into the same bytes wherever it sits, so the result is
 * the reading of the whole text. Not thread-safe.
 */
final class ResourceCache {

  /**
   * Resources nested deeper than this are read in place: the reader gives up beyond {@link
   * WireJsonReader#MAX_DEPTH}, and a resource read on its own must not pass where it would not in
   * context. The resources sit at most 3 levels deep.
   */
  private static final int MAX_RESOURCE_DEPTH = WireJsonReader.MAX_DEPTH - 4;

  private static final String ANY_PREFIX = "{\"@type\":\"";

  private static final Descriptor STATIC_RESOURCES =
      EnvoyType.BOOTSTRAP.descriptor().findFieldByName("static_resources").getMessageType();
  private static final FieldDescriptor LISTENERS = STATIC_RESOURCES.findFieldByName("listeners");
  private static final FieldDescriptor CLUSTERS = STATIC_RESOURCES.findFieldByName("clusters");
  private static final FieldDescriptor RESOURCES =
      EnvoyType.DISCOVERY_RESPONSE.descriptor().findFieldByName("resources");

  /** The paths {@link JsonSlices} finds them at, and what each element is. */
  private static final Map<String, FieldDescriptor> BOOTSTRAP_LISTS =
      Map.of("static_resources.listeners", LISTENERS, "static_resources.clusters", CLUSTERS);

  private static final Map<String, FieldDescriptor> RESPONSE_LISTS = Map.of("resources", RESOURCES);

  private static final Set<FieldDescriptor> FIELDS = Set.of(LISTENERS, CLUSTERS, RESOURCES);

  /**
   * {@code Any}s shorter than this are read in place: cutting one out costs about what reading it
   * does.
   */
  private static final int MIN_CUT = 256;

  /**
   * Resources nested deeper than this are read with their {@code Any}s in place: the reader counts
   * an {@code Any} as two levels, so one read on its own could pass where in place it would not.
   */
  private static final int MAX_CUT_DEPTH = WireJsonReader.MAX_DEPTH / 2 - 4;

  /** Marks a resource left in place, to be read with the rest. */
  private static final byte[] IN_PLACE = new byte[0];

  /** A message type and the exact text of a value of it. */
  private record Key(Descriptor type, String text) {}

  /** A resource cut out: where it is and its wire form. */
  private record Cut(Slice slice, byte[] wire) {}

  private final WireJsonReader reader;
  private final Map<Key, byte[]> wire = new HashMap<>();
  private int read;
  private int found;
  private int anysCut;

  ResourceCache(WireJsonReader reader) {
    this.reader = reader;
  }

  /** How many resource texts were read rather than found. */
  int resourcesRead() {
    return read;
  }

  /** How many {@code Any}s inside resources were read on their own or found; for tests. */
  int anysCut() {
    return anysCut;
  }

  /** How many resource texts were found rather than read; for tests. */
  int resourcesFound() {
    return found;
  }

  /**
   * The wire form of {@code json}, a bootstrap or a {@code DiscoveryResponse} that {@link
   * StrictJsonSyntax} accepted, or {@code null} if the reader is unsure of it.
   */
  byte[] read(String json, EnvoyType type) {
    return read(json, type, JsonSlices.arrays(json, paths(type)));
  }

  /** Where the resources of a document of {@code type} are: paths from its root, joined by '.'. */
  static Set<String> paths(EnvoyType type) {
    return (type == EnvoyType.BOOTSTRAP ? BOOTSTRAP_LISTS : RESPONSE_LISTS).keySet();
  }

  /**
   * As {@link #read(String, EnvoyType)}, given the {@code arrays} {@link JsonSlices#arrays} finds
   * at {@link #paths} (or {@code null} when it cannot tell), which the syntax check found already.
   */
  byte[] read(String json, EnvoyType type, Map<String, List<Slice>> arrays) {
    Map<String, FieldDescriptor> lists =
        type == EnvoyType.BOOTSTRAP ? BOOTSTRAP_LISTS : RESPONSE_LISTS;
    if (arrays == null) {
      return reader.read(json, type.descriptor());
    }
    List<Cut> cuts = new ArrayList<>();
    for (Map.Entry<String, List<Slice>> array : arrays.entrySet()) {
      FieldDescriptor field = lists.get(array.getKey());
      for (Slice element : array.getValue()) {
        if (json.charAt(element.start()) != '{' || element.depth() > MAX_RESOURCE_DEPTH) {
          continue;
        }
        String text = json.substring(element.start(), element.end());
        // Reading Anys on their own must not pass where reading them in place would give up.
        boolean cutAnys = element.depth() <= MAX_CUT_DEPTH;
        byte[] bytes =
            field == RESOURCES
                ? any(text, cutAnys, true)
                : message(field.getMessageType(), text, cutAnys, true);
        if (bytes == IN_PLACE) {
          continue;
        }
        if (bytes == null) {
          return null; // unsure of it in place too
        }
        cuts.add(new Cut(element, bytes));
      }
    }
    if (cuts.isEmpty()) {
      return reader.read(json, type.descriptor());
    }
    cuts.sort(Comparator.comparingInt(c -> c.slice().start()));
    StringBuilder rest = new StringBuilder(json.length() / 4);
    Map<Integer, byte[]> byOffset = HashMap.newHashMap(cuts.size());
    int at = 0;
    for (Cut cut : cuts) {
      rest.append(json, at, cut.slice().start());
      byOffset.put(rest.length(), cut.wire());
      rest.append("{}");
      at = cut.slice().end();
    }
    rest.append(json, at, json.length());
    return reader.read(
        rest.toString(), type.descriptor(), new WireJsonReader.Substitutions(FIELDS, byOffset));
  }

  /**
   * {@code text} read as {@code type}, from the cache if seen; {@code null} if unsure. {@code
   * resource} says whether to count it as a resource.
   */
  private byte[] message(Descriptor type, String text, boolean cutAnys, boolean resource) {
    Key key = new Key(type, text);
    byte[] known = wire.get(key);
    if (known != null) {
      found += resource ? 1 : 0;
    } else {
      known = cutAnys ? readCutting(type, text) : reader.read(text, type);
      if (known != null) {
        wire.put(key, known);
        read += resource ? 1 : 0;
      }
    }
    return known;
  }

  /**
   * {@code text} read as {@code type}, each large {@code Any} in it read on its own, or found in
   * the cache: a bootstrap's inbound chains repeat their access log, RBAC filters and TLS context,
   * and every listener its access log. An {@code Any} reads into the same bytes wherever it sits,
   * as a resource does, and one inside a resource is nested less deeply than the resource, so it
   * reads on its own exactly when it does in place. When the reader does not take every placeholder
   * (an {@code "@type"} object where no {@code Any} goes), the text is read whole.
   */
  private byte[] readCutting(Descriptor type, String text) {
    List<Cut> cuts = new ArrayList<>();
    int from = 1; // inside the object: the text itself is read as a whole
    for (int at = text.indexOf(ANY_PREFIX, from); at >= 0; at = text.indexOf(ANY_PREFIX, from)) {
      // Never inside a string, where the quotes would be escaped: an object starts here.
      Slice any = JsonSlices.value(text, at);
      from = at + 1;
      if (any.end() - at < MIN_CUT) {
        continue;
      }
      byte[] bytes = any(text.substring(at, any.end()), true, false);
      if (bytes != null && bytes != IN_PLACE) {
        cuts.add(new Cut(any, bytes));
        from = any.end();
      }
    }
    if (cuts.isEmpty()) {
      return reader.read(text, type);
    }
    anysCut += cuts.size();
    StringBuilder rest = new StringBuilder(text.length() / 2);
    Map<Integer, byte[]> byOffset = HashMap.newHashMap(cuts.size());
    int at = 0;
    for (Cut cut : cuts) {
      rest.append(text, at, cut.slice().start());
      byOffset.put(rest.length(), cut.wire());
      rest.append("{}");
      at = cut.slice().end();
    }
    rest.append(text, at, text.length());
    byte[] bytes =
        reader.read(rest.toString(), type, new WireJsonReader.Substitutions(Set.of(), byOffset));
    return bytes != null ? bytes : reader.read(text, type);
  }

  /**
   * An {@code Any} resource written {@code {"@type":"URL",...}}, read as its content (the members
   * after {@code @type}); {@link #IN_PLACE} for any other form.
   */
  private byte[] any(String text, boolean cutAnys, boolean resource) {
    if (text.startsWith(ANY_PREFIX)) {
      int urlEnd = text.indexOf('"', ANY_PREFIX.length());
      String typeUrl = text.substring(ANY_PREFIX.length(), urlEnd);
      char next = text.charAt(urlEnd + 1);
      Descriptor content =
          typeUrl.indexOf('\\') >= 0 || JsonScalars.plain(typeUrl) == null
              ? null
              : reader.anyContent(typeUrl);
      if (content != null
          && reader.table(content).form() == JsonFieldTable.Form.FIELDS
          && (next == ',' || next == '}')) {
        byte[] bytes =
            message(
                content, next == '}' ? "{}" : "{" + text.substring(urlEnd + 2), cutAnys, resource);
        return bytes == null ? null : WireJsonReader.any(typeUrl, bytes);
      }
    }
    return IN_PLACE;
  }
}
