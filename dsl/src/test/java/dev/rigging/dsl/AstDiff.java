package dev.rigging.dsl;

import dev.rigging.dsl.ast.MeshFile;
import dev.rigging.source.SourceFile;
import dev.rigging.source.Span;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * Compares two ASTs while ignoring where things were written: spans and source files are skipped,
 * and so are a file's comments (compared on their own). Walks the records reflectively, so a
 * component added to the AST later is compared without changing this.
 */
final class AstDiff {
  private AstDiff() {}

  /** Returns where the first difference is, such as {@code decls[2].rules[0].actions}, or empty. */
  static Optional<String> firstDifference(MeshFile expected, MeshFile actual) {
    return diff("file", expected, actual);
  }

  private static Optional<String> diff(String path, Object a, Object b) {
    if (a == null || b == null) {
      return a == b ? Optional.empty() : differs(path, a, b);
    }
    if (a.getClass() != b.getClass()) {
      return differs(path, a.getClass().getSimpleName(), b.getClass().getSimpleName());
    }
    return switch (a) {
      case Span s -> Optional.empty();
      case SourceFile f -> Optional.empty();
      case Record r -> records(path, r, (Record) b);
      case List<?> la -> lists(path, la, (List<?>) b);
      case Optional<?> oa -> optionals(path, oa, (Optional<?>) b);
      case String s -> a.equals(b) ? Optional.empty() : differs(path, a, b);
      case Enum<?> e -> a.equals(b) ? Optional.empty() : differs(path, a, b);
      case Boolean x -> a.equals(b) ? Optional.empty() : differs(path, a, b);
      case Number n -> a.equals(b) ? Optional.empty() : differs(path, a, b);
      default -> throw new IllegalArgumentException("AstDiff cannot compare a " + a.getClass());
    };
  }

  private static Optional<String> records(String path, Record a, Record b) {
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      if (a instanceof MeshFile && c.getName().equals("comments")) {
        continue;
      }
      Optional<String> d = diff(path + "." + c.getName(), component(c, a), component(c, b));
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> lists(String path, List<?> a, List<?> b) {
    if (a.size() != b.size()) {
      return differs(path + ".size()", a.size(), b.size());
    }
    for (int i = 0; i < a.size(); i++) {
      Optional<String> d = diff(path + "[" + i + "]", a.get(i), b.get(i));
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> optionals(String path, Optional<?> a, Optional<?> b) {
    if (a.isPresent() != b.isPresent()) {
      return differs(path, a, b);
    }
    return a.isPresent() ? diff(path, a.get(), b.get()) : Optional.empty();
  }

  private static Object component(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c, e);
    }
  }

  private static Optional<String> differs(String path, Object a, Object b) {
    return Optional.of(path + ": " + a + " became " + b);
  }
}
