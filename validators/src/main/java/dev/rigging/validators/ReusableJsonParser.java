package dev.rigging.validators;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Runs a {@link JsonFormat.Parser} with one parser state per thread instead of one per document.
 * {@code JsonFormat.Parser.merge} builds a fresh internal {@code ParserImpl} per call, and with it
 * a field-name map for every message type the document touches; for Envoy documents that rebuilding
 * was a fifth of the whole validation time. The state is reached once through method handles on
 * protobuf's package-private class and kept per thread (it is not thread-safe). If a protobuf
 * release changes that class, this falls back to the public {@code merge}, which is only slower; a
 * test notices the fallback.
 */
final class ReusableJsonParser {

  private static final MethodHandle NEW_STATE;
  private static final MethodHandle MERGE;

  static {
    MethodHandle newState = null;
    MethodHandle merge = null;
    try {
      Class<?> impl = Class.forName("com.google.protobuf.util.JsonFormat$ParserImpl");
      MethodHandles.Lookup implLookup = MethodHandles.privateLookupIn(impl, MethodHandles.lookup());
      MethodHandles.Lookup parserLookup =
          MethodHandles.privateLookupIn(JsonFormat.Parser.class, MethodHandles.lookup());
      // ParserImpl(TypeRegistry, JsonFormat.TypeRegistry, ExtensionRegistry, boolean, int,
      // boolean), fed
      // with the Parser's own fields so that the configuration is exactly the public API's.
      String[] fields = {
        "registry",
        "oldRegistry",
        "extensionRegistry",
        "ignoringUnknownFields",
        "recursionLimit",
        "legacyLenient"
      };
      Class<?>[] types = new Class<?>[fields.length];
      MethodHandle[] getters = new MethodHandle[fields.length];
      for (int i = 0; i < fields.length; i++) {
        java.lang.reflect.Field field = JsonFormat.Parser.class.getDeclaredField(fields[i]);
        types[i] = field.getType();
        getters[i] = parserLookup.unreflectGetter(field);
      }
      MethodHandle constructor =
          implLookup.findConstructor(impl, MethodType.methodType(void.class, types));
      MethodHandle fromParser = MethodHandles.filterArguments(constructor, 0, getters);
      int[] sameParser = new int[fields.length];
      newState =
          MethodHandles.permuteArguments(
                  fromParser, MethodType.methodType(impl, JsonFormat.Parser.class), sameParser)
              .asType(MethodType.methodType(Object.class, JsonFormat.Parser.class));
      merge =
          implLookup
              .findVirtual(
                  impl,
                  "merge",
                  MethodType.methodType(void.class, String.class, Message.Builder.class))
              .asType(
                  MethodType.methodType(
                      void.class, Object.class, String.class, Message.Builder.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Internals changed: use the public API (correct, only slower).
      newState = null;
      merge = null;
    }
    NEW_STATE = newState;
    MERGE = merge;
  }

  /** A thread's parser state and the parser it was made from. */
  private record State(JsonFormat.Parser parser, Object impl) {}

  private final ThreadLocal<State> states = new ThreadLocal<>();

  /** Whether per-thread reuse is active with this protobuf release. */
  static boolean isReusing() {
    return NEW_STATE != null;
  }

  /** Same as {@code parser.merge(json, builder)}. */
  void merge(JsonFormat.Parser parser, String json, Message.Builder builder)
      throws InvalidProtocolBufferException {
    if (NEW_STATE == null) {
      parser.merge(json, builder);
      return;
    }
    State state = states.get();
    if (state == null || state.parser() != parser) {
      state = new State(parser, newState(parser));
      states.set(state);
    }
    // A failed merge can leave the state mid-document (its depth counter), so it is dropped.
    states.remove();
    invokeMerge(state.impl(), json, builder);
    states.set(state);
  }

  private static Object newState(JsonFormat.Parser parser) {
    try {
      return NEW_STATE.invokeExact(parser);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static void invokeMerge(Object impl, String json, Message.Builder builder)
      throws InvalidProtocolBufferException {
    try {
      MERGE.invokeExact(impl, json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
