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
 * the reading of the whole text. Within the resources, {@link KnownObjects} lets the reader copy
 * the wire forms of the values the proxy's documents repeat. Not thread-safe.
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

  /** Marks a resource left in place, to be read with the rest. */
  private static final byte[] IN_PLACE = new byte[0];

  /** A message type and the exact text of a value of it. */
  private record Key(Descriptor type, String text) {}

  /** A resource cut out: where it is and its wire form. */
  private record Cut(Slice slice, byte[] wire) {}

  private final WireJsonReader reader;
  private final Map<Key, byte[]> wire = new HashMap<>();
  private final KnownObjects<WireJsonReader.Read> values = new KnownObjects<>();
  private int read;
  private int found;

  ResourceCache(WireJsonReader reader) {
    this.reader = reader;
  }

  /** How many resource texts were read rather than found. */
  int resourcesRead() {
    return read;
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
      return reader.read(json, type.descriptor(), values);
    }
    List<Cut> cuts = new ArrayList<>();
    for (Map.Entry<String, List<Slice>> array : arrays.entrySet()) {
      FieldDescriptor field = lists.get(array.getKey());
      for (Slice element : array.getValue()) {
        if (json.charAt(element.start()) != '{' || element.depth() > MAX_RESOURCE_DEPTH) {
          continue;
        }
        String text = json.substring(element.start(), element.end());
        byte[] bytes = field == RESOURCES ? any(text) : message(field.getMessageType(), text);
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
      return reader.read(json, type.descriptor(), values);
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

  /** {@code text} read as {@code type}, from the cache if seen; {@code null} if unsure. */
  private byte[] message(Descriptor type, String text) {
    Key key = new Key(type, text);
    byte[] known = wire.get(key);
    if (known != null) {
      found++;
    } else {
      known = reader.read(text, type, values);
      if (known != null) {
        wire.put(key, known);
        read++;
      }
    }
    return known;
  }

  /**
   * An {@code Any} resource written {@code {"@type":"URL",...}}, read as its content (the members
   * after {@code @type}); {@link #IN_PLACE} for any other form.
   */
  private byte[] any(String text) {
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
        byte[] bytes = message(content, next == '}' ? "{}" : "{" + text.substring(urlEnd + 2));
        return bytes == null ? null : WireJsonReader.any(typeUrl, bytes);
      }
    }
    return IN_PLACE;
  }
}
