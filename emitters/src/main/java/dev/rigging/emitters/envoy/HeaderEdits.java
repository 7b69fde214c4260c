package dev.rigging.emitters.envoy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.compiler.ir.HeaderEdit;
import java.util.List;

/** Request and response header edits of a route, in the order they were written. */
final class HeaderEdits {
  private HeaderEdits() {}

  /**
   * Adds {@code <direction>_headers_to_add} and {@code <direction>_headers_to_remove} to {@code
   * route}, each only when non-empty.
   *
   * @param direction {@code request} or {@code response}
   */
  static void apply(ObjectNode route, String direction, List<HeaderEdit> edits) {
    if (edits.isEmpty()) {
      return;
    }
    var add = Json.array();
    var remove = Json.array();
    for (var edit : edits) {
      switch (edit.op()) {
        case SET -> add.add(option(edit, "OVERWRITE_IF_EXISTS_OR_ADD"));
        case ADD -> add.add(option(edit, "APPEND_IF_EXISTS_OR_ADD"));
        case REMOVE -> remove.add(edit.name());
      }
    }
    if (!add.isEmpty()) {
      route.set(direction + "_headers_to_add", add);
    }
    if (!remove.isEmpty()) {
      route.set(direction + "_headers_to_remove", remove);
    }
  }

  private static ObjectNode option(HeaderEdit edit, String appendAction) {
    var header = Json.object().put("key", edit.name()).put("value", edit.value().orElse(""));
    var option = Json.single("header", header);
    option.put("append_action", appendAction);
    return option;
  }
}
