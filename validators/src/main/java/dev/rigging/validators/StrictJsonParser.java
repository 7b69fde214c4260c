package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a JSON document into a message of a given type with protobuf's own JSON mapping, strictly:
 * well-formed JSON only, no unknown fields, every {@code @type} resolved. Failures come back as one
 * violation with the most precise path that can be found, never as an exception.
 */
final class StrictJsonParser {

  /** How {@code JsonFormat} words an {@code Any} whose type its registry does not hold. */
  private static final Pattern UNRESOLVED_TYPE = Pattern.compile("^Cannot resolve type: (\\S+)");

  /** Bounds the retries that load newly seen {@code @type}s, one type per retry. */
  private static final int MAX_TYPE_LOADS = 32;

  private final TypeResolver types;
  private final ParseErrorLocator locator;
  private final ReusableJsonParser reusable = new ReusableJsonParser();

  StrictJsonParser(TypeResolver types) {
    this.types = types;
    this.locator = new ParseErrorLocator(types);
  }

  /** Outcome of a parse: exactly one of the two is non-null. */
  record Result(DynamicMessage message, Violation error) {}

  /** {@code json} parsed as a message of {@code type}, or the reason it does not parse. */
  Result parse(String json, Descriptor type) {
    Violation syntax = StrictJsonSyntax.check(json);
    if (syntax != null) {
      return new Result(null, syntax);
    }
    return parseWellFormed(json, type);
  }

  /** As {@link #parse}, for a text {@link StrictJsonSyntax} has already accepted. */
  Result parseWellFormed(String json, Descriptor type) {
    for (int attempt = 0; ; attempt++) {
      DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
      try {
        reusable.merge(types.parser(), json, builder);
        return new Result(builder.build(), null);
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        // An @type outside the preloaded set: load it from the Envoy API jar and parse again.
        String unresolved = unresolvedType(e);
        if (unresolved != null && attempt < MAX_TYPE_LOADS && types.load(unresolved)) {
          continue;
        }
        return new Result(null, locator.locate(json, type, describe(e)));
      }
    }
  }

  private static String unresolvedType(Exception e) {
    String message = e.getMessage();
    if (message == null) {
      return null;
    }
    Matcher m = UNRESOLVED_TYPE.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  /** Protobuf's message, without the exception class names that Gson failures drag along. */
  private static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Matcher unresolved = UNRESOLVED_TYPE.matcher(message);
    if (unresolved.find()) {
      return "@type "
          + unresolved.group(1)
          + " cannot be resolved: no such message type in the Envoy API";
    }
    return message.replaceFirst("^([a-z]+\\.)+[A-Za-z]+(Exception|Error): ", "");
  }
}
