package dev.rigging.validators.kubernetes;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rigging.validators.Violation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a document into the official Kubernetes client model of its kind. The generated {@code
 * validateJsonElement} rejects fields the API does not define, values of the wrong JSON type and
 * missing required fields, at every level: the same checks the client makes before it deserializes.
 */
final class TypedCheck {
  private final Map<KubernetesKind, MethodHandle> validators = new EnumMap<>(KubernetesKind.class);

  TypedCheck() {
    var lookup = MethodHandles.publicLookup();
    for (KubernetesKind kind : KubernetesKind.values()) {
      try {
        validators.put(
            kind,
            lookup.findStatic(
                kind.model(),
                "validateJsonElement",
                MethodType.methodType(void.class, JsonElement.class)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("client model without validateJsonElement: " + kind, e);
      }
    }
  }

  /** Returns at most one violation: the model stops at the first problem. */
  List<Violation> check(KubernetesKind kind, String json) {
    try {
      validators.get(kind).invokeExact(JsonParser.parseString(json));
      return List.of();
    } catch (IllegalArgumentException | JsonParseException | java.io.IOException e) {
      return List.of(new Violation("", "client model " + kind.model().getSimpleName() + ": "
          + e.getMessage()));
    } catch (RuntimeException e) {
      // Generated code signals some type mismatches with casts that fail.
      return List.of(new Violation("", "client model " + kind.model().getSimpleName() + ": "
          + e.getClass().getSimpleName() + ": " + e.getMessage()));
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
