package dev.rigging.validators;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validates Envoy v3 JSON documents the way Envoy would load them: a strict parse into Envoy's own
 * API types (well-formed JSON, no unknown fields, every {@code @type} resolvable), then every
 * protoc-gen-validate rule declared in the API, recursively through {@code Any} contents, plus
 * Envoy's own duration check. Build one with {@link #create()} and share it: it is thread-safe.
 */
public final class EnvoyValidator {

  /** How documents are parsed; for tests that compare the two. */
  enum ParsePath {
    /** {@link WireJsonReader} first, {@code JsonFormat} whenever it is unsure. */
    FAST_THEN_JSON_FORMAT,
    /** {@code JsonFormat} only. */
    JSON_FORMAT_ONLY
  }

  private final TypeResolver types;
  private final StrictJsonParser parser;
  private final RuleEvaluator evaluator;
  private final WireJsonReader fast;

  private EnvoyValidator(TypeResolver types, ParsePath path) {
    this.types = types;
    this.parser = new StrictJsonParser(types);
    this.evaluator = new RuleEvaluator(new PgvRules(), types);
    this.fast = path == ParsePath.FAST_THEN_JSON_FORMAT ? new WireJsonReader(types) : null;
  }

  /** Validator with its type registry built; safe to use from several threads afterwards. */
  public static EnvoyValidator create() {
    return create(ParsePath.FAST_THEN_JSON_FORMAT);
  }

  static EnvoyValidator create(ParsePath path) {
    return new EnvoyValidator(new TypeResolver(TypeRegistryFactory.emittedFiles()), path);
  }

  /**
   * Violations in {@code json} read as a document of {@code type}; empty when Envoy would accept
   * it. A document that does not parse yields exactly one violation, located as precisely as
   * possible.
   */
  public List<Violation> validate(String json, EnvoyType type) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    Violation syntax = StrictJsonSyntax.check(json);
    if (syntax != null) {
      return List.of(syntax);
    }
    byte[] wire = fast == null ? null : fast.read(json, type.descriptor());
    if (wire != null) {
      return checkParsed(wire, type);
    }
    StrictJsonParser.Result parsed = parser.parseWellFormed(json, type.descriptor());
    if (parsed.error() != null) {
      return List.of(parsed.error());
    }
    List<Violation> violations = new ArrayList<>();
    evaluator.validate(parsed.message(), ViolationPath.ROOT, violations);
    if (type == EnvoyType.DISCOVERY_RESPONSE) {
      ResourceTypeCheck.check(parsed.message(), violations);
    }
    return List.copyOf(violations);
  }

  /** The violations of a document the fast reader read, given in wire format. */
  List<Violation> checkParsed(byte[] wire, EnvoyType type) {
    return checkParsed(wire, type, null);
  }

  /**
   * As {@link #checkParsed(byte[], EnvoyType)}, the walk of each resource taken from {@code memo}
   * when its bytes were walked before; {@code memo} may be {@code null}.
   */
  List<Violation> checkParsed(byte[] wire, EnvoyType type, WalkMemo memo) {
    List<Violation> violations = new ArrayList<>();
    evaluator.validate(type.descriptor(), wire, ViolationPath.ROOT, violations, memo);
    if (type == EnvoyType.DISCOVERY_RESPONSE) {
      ResourceTypeCheck.check(type.descriptor(), wire, violations);
    }
    return List.copyOf(violations);
  }

  /** The fast reader, or {@code null} when parsing with {@code JsonFormat} only. */
  WireJsonReader fastReader() {
    return fast;
  }

  /**
   * A session for validating related documents, such as one proxy's bootstrap and xDS files, which
   * repeat the same resources: each resource text is parsed once per session. Same results as
   * {@link #validate}; see {@link ValidationSession}.
   */
  public ValidationSession session() {
    return new ValidationSession(this, types, parser, evaluator);
  }

  /**
   * Whether the resolver knows {@code typeName}, loading it from the Envoy API jar if needed; for
   * tests.
   */
  boolean canResolve(String typeName) {
    return types.find(typeName) != null || types.load(typeName);
  }
}
