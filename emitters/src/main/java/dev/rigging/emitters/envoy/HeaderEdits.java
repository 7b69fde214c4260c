package dev.rigging.emitters.envoy;

import dev.rigging.compiler.ir.HeaderEdit;
import java.util.List;

/** Request and response header edits of a route, in the order they were written. */
final class HeaderEdits {
  private HeaderEdits() {}

  /**
   * Writes {@code <direction>_headers_to_add} and {@code <direction>_headers_to_remove} into the
   * open route object, each only when non-empty.
   *
   * @param direction {@code request} or {@code response}
   */
  static void apply(CompactJson route, String direction, List<HeaderEdit> edits) {
    if (edits.isEmpty()) {
      return;
    }
    boolean adds = false;
    boolean removes = false;
    for (var edit : edits) {
      adds |= edit.op() != HeaderEdit.Op.REMOVE;
      removes |= edit.op() == HeaderEdit.Op.REMOVE;
    }
    if (adds) {
      route.name(direction + "_headers_to_add").beginArray();
      for (var edit : edits) {
        switch (edit.op()) {
          case SET -> option(route, edit, "OVERWRITE_IF_EXISTS_OR_ADD");
          case ADD -> option(route, edit, "APPEND_IF_EXISTS_OR_ADD");
          case REMOVE -> {}
        }
      }
      route.endArray();
    }
    if (removes) {
      route.name(direction + "_headers_to_remove").beginArray();
      for (var edit : edits) {
        if (edit.op() == HeaderEdit.Op.REMOVE) {
          route.value(edit.name());
        }
      }
      route.endArray();
    }
  }

  private static void option(CompactJson out, HeaderEdit edit, String appendAction) {
    out.beginObject().name("header").beginObject();
    out.field("key", edit.name()).field("value", edit.value().orElse("")).endObject();
    out.field("append_action", appendAction).endObject();
  }
}
