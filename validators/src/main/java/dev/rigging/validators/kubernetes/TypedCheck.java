package dev.rigging.validators.kubernetes;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rigging.validators.Violation;
import io.kubernetes.client.openapi.JSON;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a document into the official Kubernetes client model of its kind, as the client itself
 * does: the generated {@code validateJsonElement} first rejects fields the API does not define,
 * missing required fields and strings or objects where the other is expected, at every level; then
 * Gson deserializes into the model, which rejects values that do not fit a number, boolean or
 * date-time field. (Gson takes a numeric string such as {@code "80"} for a number; the JSON Schema
 * check does not.)
 */
final class TypedCheck {
  private static final Gson GSON = JSON.getGson();

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
      JsonElement tree = JsonParser.parseString(json);
      validators.get(kind).invokeExact(tree);
      // From the text, not the tree: Gson's reader names the JSON path of a value that does not
      // fit.
      GSON.fromJson(json, kind.model());
      return List.of();
    } catch (IllegalArgumentException | java.io.IOException e) {
      return List.of(
          new Violation(
              "", "client model " + kind.model().getSimpleName() + ": " + e.getMessage()));
    } catch (JsonParseException e) {
      return List.of(
          new Violation(
              "", "client model " + kind.model().getSimpleName() + ": " + rootMessage(e)));
    } catch (RuntimeException e) {
      // Generated code signals some type mismatches with casts that fail.
      return List.of(
          new Violation(
              "", "client model " + kind.model().getSimpleName() + ": " + rootMessage(e)));
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
