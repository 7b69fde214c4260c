package dev.rigging.diag;

/**
 * The stable diagnostic codes. A code never changes meaning once released; retired codes are kept,
 * not reused. Each is documented in docs/DIAGNOSTICS.md (a test keeps the two in step).
 */
public enum Code {
  // 01xx: syntax
  SYNTAX_ERROR("MESH0101", "syntax error"),
  UNTERMINATED_STRING("MESH0102", "unterminated string"),
  UNEXPECTED_CHARACTER("MESH0103", "unexpected character"),
  INPUT_LIMIT("MESH0104", "input exceeds a parser limit"),

  // 02xx: files and names
  UNKNOWN_SERVICE("MESH0201", "unknown service"),
  UNKNOWN_VERSION("MESH0202", "unknown version"),
  UNKNOWN_IDENTITY("MESH0203", "unknown identity"),
  DUPLICATE_DECLARATION("MESH0204", "duplicate declaration"),
  ROUTES_IN_TWO_FILES("MESH0205", "routes for one service defined in two files"),
  MESH_NAME_MISMATCH("MESH0206", "files name different meshes"),
  IMPORT_NOT_FOUND("MESH0207", "import cannot be read"),
  UNKNOWN_SETTING("MESH0208", "unknown setting"),
  DUPLICATE_ENTRY("MESH0209", "entry given twice"),
  AMBIGUOUS_DESTINATION("MESH0210", "destination names both a version and a service"),
  UNKNOWN_METHOD("MESH0211", "unknown HTTP method"),
  UNKNOWN_PROTOCOL("MESH0212", "unknown protocol"),
  UNKNOWN_VALUE("MESH0213", "value not among the allowed ones"),
  UNKNOWN_RETRY_CONDITION("MESH0214", "unknown retry condition"),
  INVALID_MESH_NAME("MESH0215", "mesh name is not a valid SPIFFE trust domain"),

  // 03xx: values
  SPLIT_NOT_100("MESH0301", "split weights do not sum to 100%"),
  PERCENT_OUT_OF_RANGE("MESH0302", "percentage outside 0-100%"),
  MALFORMED_DURATION("MESH0303", "malformed duration"),
  STATUS_OUT_OF_RANGE("MESH0304", "HTTP status outside the allowed range"),
  INVALID_REGEX("MESH0305", "regular expression invalid under RE2"),
  INVALID_ADDRESS("MESH0306", "invalid address or port"),
  NUMBER_OUT_OF_RANGE("MESH0307", "number outside the allowed range"),
  PERCENT_TOO_PRECISE("MESH0308", "percentage more precise than 0.0001%"),
  INVALID_HEADER_NAME("MESH0309", "invalid HTTP header name"),
  INVALID_PATH("MESH0310", "invalid HTTP path"),
  WRONG_VALUE_KIND("MESH0311", "value of the wrong kind"),
  INVALID_HOST("MESH0312", "invalid host name"),

  // 04xx: rules
  SHADOWED_RULE("MESH0401", "rule can never match: an earlier rule matches first"),
  DUPLICATE_RULE("MESH0402", "rule duplicates an earlier rule"),
  NO_DESTINATION("MESH0403", "rule says neither where to send nor what to answer"),
  CONFLICTING_ACTIONS("MESH0404", "rule has actions that cannot go together"),
  DUPLICATE_ACTION("MESH0405", "action given twice in one rule"),
  SPLIT_DUPLICATE_DESTINATION("MESH0406", "split names a destination twice"),
  AUTHZ_NO_DEFAULT("MESH0407", "authz does not state its default decision"),
  AUTHZ_RULE_NO_EFFECT("MESH0408", "authz rule has no effect"),
  GATEWAY_PATH_TWICE("MESH0409", "gateway path served twice"),
  UNREACHABLE_DEFAULT("MESH0410", "rule after the default rule"),

  // 05xx: topology
  NO_ENDPOINTS("MESH0501", "destination has no endpoints"),
  PORT_CLASH("MESH0502", "two listeners or endpoints share an address"),
  NO_OUTBOUND_PORT("MESH0503", "service calls others but has no outbound port"),
  MISSING_PORT("MESH0504", "service or gateway has no port"),
  NOT_CALLED("MESH0505", "route for a service nobody calls"),
  UNUSED_OUTBOUND("MESH0506", "outbound port on a service that calls nobody"),

  // 07xx: `rig import istio`
  ISTIO_NO_EQUIVALENT("MESH0701", "Istio setting has no .mesh equivalent"),
  ISTIO_INVALID("MESH0702", "Istio resource is malformed"),
  ISTIO_UNKNOWN_REFERENCE(
      "MESH0703", "Istio resource names a service, version or identity the mesh does not declare"),

  // 09xx: the compiler itself
  INVALID_ENVOY_OUTPUT("MESH0901", "emitted Envoy configuration failed validation (compiler bug)"),
  INTERNAL_ERROR("MESH0902", "internal compiler error"),
  OUTPUT_ERROR("MESH0903", "output cannot be written"),
  INPUT_ERROR("MESH0904", "input cannot be read");

  private final String id;
  private final String title;

  Code(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** Returns the stable identifier, e.g. {@code MESH0202}. */
  public String id() {
    return id;
  }

  /** Returns a one-line description for the reference page. */
  public String title() {
    return title;
  }
}
