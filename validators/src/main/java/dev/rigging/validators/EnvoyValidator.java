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

  private final TypeResolver types;
  private final StrictJsonParser parser;
  private final RuleEvaluator evaluator;

  private EnvoyValidator(TypeResolver types) {
    this.types = types;
    this.parser = new StrictJsonParser(types);
    this.evaluator = new RuleEvaluator(new PgvRules(), types);
  }

  /** Validator with its type registry built; safe to use from several threads afterwards. */
  public static EnvoyValidator create() {
    return new EnvoyValidator(new TypeResolver(TypeRegistryFactory.emittedFiles()));
  }

  /**
   * Violations in {@code json} read as a document of {@code type}; empty when Envoy would accept
   * it. A document that does not parse yields exactly one violation, located as precisely as
   * possible.
   */
  public List<Violation> validate(String json, EnvoyType type) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    StrictJsonParser.Result parsed = parser.parse(json, type.descriptor());
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
