package dev.rigging.validators;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.rigging.validators.JsonSlices.Slice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates related documents with the same results as {@link EnvoyValidator#validate}, reading
 * each resource text only once. A proxy's {@code clusters.json} holds exactly the clusters of its
 * bootstrap, and its inbound listener is the same in both; parsing is most of the cost of
 * validation, so a session remembers what each top-level resource text (a bootstrap's {@code
 * static_resources.listeners[i]} and {@code clusters[i]}, a {@code DiscoveryResponse}'s {@code
 * resources[i]}) read into.
 *
 * <p>A document is checked for strict syntax as a whole, as before. Then {@link ResourceCache}
 * reads it with {@link WireJsonReader}, each resource read on its own or found by its exact text
 * and type (an xDS file's {@code {"@type":"URL",...}} by its content, the text its bootstrap
 * holds), the rest read with placeholders for them. A message value reads into the same bytes
 * wherever it sits, so the bytes are those of a reading of the whole text, and they go through the
 * same rule walk and checks, in full.
 *
 * <p>When the fast reader is unsure, the older way with {@code JsonFormat} applies: each resource
 * is parsed on its own as its message type, or taken from the session if the same text was parsed
 * as the same type before; the rest of the document is parsed with {@code {}} in place of those
 * resources; the resources are then set back in their places. {@code JsonFormat} parses a
 * message-typed value the same way wherever it sits (an {@code Any}'s content is parsed as its type
 * minus the {@code @type} member), so the message assembled equals the one a parse of the whole
 * text gives. A resource that cannot be cut out exactly ({@code @type} not first, a well-known
 * type, deep nesting) stays in place and is parsed with the rest. Only success takes this path: if
 * any part fails to parse, or a key on the way to the resources holds an escape, the whole text is
 * validated as {@link EnvoyValidator#validate} does, so errors are reported exactly as before.
 *
 * <p>Not thread-safe: use one session per thread and group of documents, and drop it with them; it
 * holds every message it parsed.
 */
public final class ValidationSession {

  /**
   * Resources nested deeper than this are parsed in place: {@code JsonFormat} stops at 100 nested
   * messages, and a resource parsed on its own must not pass where it would fail in context. A
   * message nests no deeper than its JSON, and the resources sit at most 3 messages deep.
   */
  private static final int MAX_RESOURCE_DEPTH = 64;

  private static final String ANY_PREFIX = "{\"@type\":\"";

  /** Where the resources are in a bootstrap and in a {@code DiscoveryResponse}. */
  private static final Set<String> BOOTSTRAP_LISTS =
      Set.of("static_resources.listeners", "static_resources.clusters");

  private static final Set<String> RESOURCES = Set.of("resources");

  /**
   * The resources whose rule walks a session keeps: the clusters and listeners of a bootstrap and
   * of the xDS files, and the route config inline in a bootstrap's listener and in {@code
   * routes.json}.
   */
  private static final Set<Descriptor> RESOURCE_TYPES =
      Set.of(
          EnvoyType.LISTENER.descriptor(),
          EnvoyType.CLUSTER.descriptor(),
          EnvoyType.ROUTE_CONFIGURATION.descriptor());

  private static final Comparator<Resource> BY_POSITION =
      Comparator.comparingInt(r -> r.slice().start());

  private final EnvoyValidator validator;
  private final TypeResolver types;
  private final StrictJsonParser parser;
  private final RuleEvaluator evaluator;
  private final Map<Key, Parsed> parsed = new HashMap<>();
  private final ResourceCache cache;
  private final WalkMemo walks = new WalkMemo(RESOURCE_TYPES);
  private final SyntaxMemo syntax = new SyntaxMemo();
  private int resourcesParsed;

  ValidationSession(
      EnvoyValidator validator,
      TypeResolver types,
      StrictJsonParser parser,
      RuleEvaluator evaluator) {
    this.validator = validator;
    this.types = types;
    this.parser = parser;
    this.evaluator = evaluator;
    WireJsonReader fast = validator.fastReader();
    this.cache = fast == null ? null : new ResourceCache(fast);
  }

  /** Exactly {@link EnvoyValidator#validate}{@code (json, type)}. */
  public List<Violation> validate(String json, EnvoyType type) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    if (type != EnvoyType.BOOTSTRAP && type != EnvoyType.DISCOVERY_RESPONSE) {
      return validator.validate(json, type);
    }
    byte[] wire = null;
    if (cache == null) {
      if (StrictJsonSyntax.check(json) != null) {
        return validator.validate(json, type);
      }
    } else {
      // The syntax check also cuts out the resources, and skips those it checked before.
      StrictJsonSyntax.Scan scan =
          StrictJsonSyntax.scan(json, ResourceCache.paths(type), "resources", syntax);
      if (scan.violation() != null) {
        return validator.validate(json, type);
      }
      wire = cache.read(json, type, scan.arrays());
    }
    if (wire != null) {
      return validator.checkParsed(wire, type, walks);
    }
    List<Violation> violations = byResource(json, type);
    return violations != null ? violations : validator.validate(json, type);
  }

  /** A message type and the exact text of a value of it. */
  private record Key(Descriptor type, String text) {}

  /** What a resource text parsed into, and its wire form once needed. */
  private static final class Parsed {
    private final DynamicMessage message;
    private ByteString bytes;

    Parsed(DynamicMessage message) {
      this.message = message;
    }

    ByteString bytes() {
      if (bytes == null) {
        bytes = message.toByteString();
      }
      return bytes;
    }
  }

  /**
   * One resource cut out of a document.
   *
   * @param field the repeated field holding it
   * @param index its index there
   * @param slice where its text is
   * @param typeUrl its {@code @type} when it is an {@code Any}, else {@code null}
   * @param parsed its content
   */
  private record Resource(
      FieldDescriptor field, int index, Slice slice, String typeUrl, Parsed parsed) {}

  /** The violations, or {@code null} when the document must be validated whole. */
  private List<Violation> byResource(String json, EnvoyType type) {
    Descriptor root = type.descriptor();
    boolean bootstrap = type == EnvoyType.BOOTSTRAP;
    Map<String, List<Slice>> arrays =
        JsonSlices.arrays(json, bootstrap ? BOOTSTRAP_LISTS : RESOURCES);
    if (arrays == null) {
      return null;
    }
    List<Resource> resources = new ArrayList<>();
    FieldDescriptor container = null;
    if (bootstrap) {
      container = root.findFieldByName("static_resources");
      for (String path : BOOTSTRAP_LISTS) {
        FieldDescriptor field =
            container.getMessageType().findFieldByName(path.substring(path.indexOf('.') + 1));
        if (!typed(json, arrays.get(path), field, resources)) {
          return null;
        }
      }
    } else if (!anys(json, arrays.get("resources"), root.findFieldByName("resources"), resources)) {
      return null;
    }

    StrictJsonParser.Result rest = parser.parseWellFormed(withoutResources(json, resources), root);
    if (rest.error() != null) {
      return null;
    }
    DynamicMessage message = assemble(rest.message(), container, resources);
    List<Violation> violations = new ArrayList<>();
    evaluator.validate(message, ViolationPath.ROOT, violations);
    if (type == EnvoyType.DISCOVERY_RESPONSE) {
      ResourceTypeCheck.check(message, violations);
    }
    return List.copyOf(violations);
  }

  /** Cuts out {@code elements}, messages of {@code field}'s type; false if one fails to parse. */
  private boolean typed(
      String json, List<Slice> elements, FieldDescriptor field, List<Resource> out) {
    if (elements == null) {
      return true; // absent, or not an array: left to the parse of the rest
    }
    for (int i = 0; i < elements.size(); i++) {
      Slice element = elements.get(i);
      if (json.charAt(element.start()) != '{' || element.depth() > MAX_RESOURCE_DEPTH) {
        continue;
      }
      Parsed content =
          parse(field.getMessageType(), json.substring(element.start(), element.end()));
      if (content == null) {
        return false;
      }
      out.add(new Resource(field, i, element, null, content));
    }
    return true;
  }

  /**
   * Cuts out {@code elements}, {@code Any}s written as {@code {"@type":"URL",...}}; false if one
   * fails to parse. Others stay in place.
   */
  private boolean anys(
      String json, List<Slice> elements, FieldDescriptor field, List<Resource> out) {
    if (elements == null) {
      return true;
    }
    for (int i = 0; i < elements.size(); i++) {
      Slice element = elements.get(i);
      if (!json.startsWith(ANY_PREFIX, element.start()) || element.depth() > MAX_RESOURCE_DEPTH) {
        continue;
      }
      int urlStart = element.start() + ANY_PREFIX.length();
      int urlEnd = json.indexOf('"', urlStart);
      String url = json.substring(urlStart, urlEnd);
      Descriptor content = contentType(url);
      char next = json.charAt(urlEnd + 1);
      if (content == null || (next != ',' && next != '}')) {
        continue;
      }
      // The Any's content is parsed as its type minus the @type member.
      String text = next == '}' ? "{}" : "{" + json.substring(urlEnd + 2, element.end());
      Parsed parsed = parse(content, text);
      if (parsed == null) {
        return false;
      }
      out.add(new Resource(field, i, element, url, parsed));
    }
    return true;
  }

  /**
   * The type {@code JsonFormat} resolves {@code url} to, or {@code null} when it is not plainly
   * {@code prefix/full.Name} of a known ordinary message (well-known types have their own JSON
   * forms, so they stay in place).
   */
  private Descriptor contentType(String url) {
    int slash = url.lastIndexOf('/');
    if (url.indexOf('\\') >= 0 || slash <= 0 || slash == url.length() - 1) {
      return null;
    }
    Descriptor type = types.find(url);
    return type == null || type.getFullName().startsWith("google.protobuf.") ? null : type;
  }

  /**
   * The message {@code text} parses into as {@code type}, from this session if seen; null if it
   * fails.
   */
  private Parsed parse(Descriptor type, String text) {
    Key key = new Key(type, text);
    Parsed known = parsed.get(key);
    if (known != null) {
      return known;
    }
    StrictJsonParser.Result result = parser.parseWellFormed(text, type);
    if (result.error() != null) {
      return null;
    }
    Parsed fresh = new Parsed(result.message());
    parsed.put(key, fresh);
    resourcesParsed++;
    return fresh;
  }

  /** How many resources' syntax checks this session has taken from earlier ones; for tests. */
  int syntaxChecksSkipped() {
    return syntax.skipped();
  }

  /** How many rule walks of resources this session has taken from earlier ones; for tests. */
  int walksFound() {
    return walks.walksFound();
  }

  /** How many resource texts this session has parsed rather than found; for tests. */
  int resourcesParsed() {
    return resourcesParsed + (cache == null ? 0 : cache.resourcesRead());
  }

  /** The document with {@code {}} in place of each resource cut out. */
  private static String withoutResources(String json, List<Resource> resources) {
    StringBuilder rest = new StringBuilder(json.length() / 4);
    int at = 0;
    // In text order: a bootstrap may list its clusters before its listeners.
    for (Resource resource : resources.stream().sorted(BY_POSITION).toList()) {
      rest.append(json, at, resource.slice().start()).append("{}");
      at = resource.slice().end();
    }
    return rest.append(json, at, json.length()).toString();
  }

  /** The parsed rest with each resource set back in its place. */
  private static DynamicMessage assemble(
      DynamicMessage rest, FieldDescriptor container, List<Resource> resources) {
    if (resources.isEmpty()) {
      return rest;
    }
    DynamicMessage.Builder holder =
        container == null
            ? rest.toBuilder()
            : ((DynamicMessage) rest.getField(container)).toBuilder();
    for (Resource resource : resources) {
      holder.setRepeatedField(
          resource.field(),
          resource.index(),
          resource.typeUrl() == null
              ? resource.parsed().message
              : any(resource.field().getMessageType(), resource.typeUrl(), resource.parsed()));
    }
    if (container == null) {
      return holder.build();
    }
    return rest.toBuilder().setField(container, holder.build()).build();
  }

  /**
   * The {@code Any} {@code JsonFormat} builds: the type URL as written, the content's wire form.
   */
  private static DynamicMessage any(Descriptor anyType, String typeUrl, Parsed content) {
    return DynamicMessage.newBuilder(anyType)
        .setField(anyType.findFieldByName("type_url"), typeUrl)
        .setField(anyType.findFieldByName("value"), content.bytes())
        .build();
  }
}
