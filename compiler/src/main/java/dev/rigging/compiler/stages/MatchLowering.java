package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Match;
import dev.rigging.compiler.ir.StringMatch;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Diagnostics;
import dev.rigging.dsl.ast.Condition;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.MatchKind;
import dev.rigging.dsl.ast.Name;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Lowers the conditions of a rule (or an authz {@code when}) into a checked {@link Match}. */
final class MatchLowering {
  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  private final Diagnostics diagnostics;
  private final Values values;

  MatchLowering(Diagnostics diagnostics, Values values) {
    this.diagnostics = diagnostics;
    this.values = values;
  }

  /** Returns the match, or empty when a condition was invalid (and reported). */
  Optional<Match> lower(List<Condition> conditions) {
    boolean ok = true;
    Optional<StringMatch> path = Optional.empty();
    Span pathSpan = null;
    TreeSet<String> methods = new TreeSet<>();
    Span methodSpan = null;
    List<Match.Field> headers = new ArrayList<>();
    List<Match.Field> query = new ArrayList<>();
    for (Condition condition : conditions) {
      switch (condition) {
        case Condition.Path p -> {
          if (pathSpan != null) {
            twice("path", p.span(), pathSpan);
            ok = false;
            continue;
          }
          pathSpan = p.span();
          Optional<StringMatch> m = pathMatch(p.kind(), p.value());
          ok &= m.isPresent();
          path = m;
        }
        case Condition.Method m -> {
          if (methodSpan != null) {
            twice("method", m.span(), methodSpan);
            ok = false;
            continue;
          }
          methodSpan = m.span();
          for (Name method : m.methods()) {
            Optional<String> checked = method(method);
            ok &= checked.isPresent();
            checked.ifPresent(methods::add);
          }
        }
        case Condition.Header h -> {
          Optional<Match.Field> f = field(h.name(), h.kind(), h.value(), true);
          ok &= f.isPresent();
          f.ifPresent(headers::add);
        }
        case Condition.Query q -> {
          Optional<Match.Field> f = field(q.name(), q.kind(), q.value(), false);
          ok &= f.isPresent();
          f.ifPresent(query::add);
        }
      }
    }
    return ok ? Optional.of(new Match(path, methods, headers, query)) : Optional.empty();
  }

  /** Returns a header condition for authz {@code when} clauses. */
  Optional<Match.Field> header(Condition.Header h) {
    return field(h.name(), h.kind(), h.value(), true);
  }

  Optional<String> method(Name method) {
    if (METHODS.contains(method.text())) {
      return Optional.of(method.text());
    }
    String upper = method.text().toUpperCase(java.util.Locale.ROOT);
    diagnostics.add(
        Diagnostic.error(
                Code.UNKNOWN_METHOD, method.span(), "unknown HTTP method `" + method.text() + "`")
            .label("not an HTTP method")
            .suggest(
                METHODS.contains(upper)
                    ? Optional.of(upper)
                    : dev.rigging.diag.Suggest.nearest(upper, METHODS))
            .note("methods are written in capitals: " + String.join(", ", METHODS)));
    return Optional.empty();
  }

  private Optional<StringMatch> pathMatch(MatchKind kind, Literal value) {
    return switch (kind) {
      case EXACT -> values.path(value, "path").map(StringMatch.Exact::new);
      case PREFIX -> values.path(value, "path prefix").map(StringMatch.Prefix::new);
      case REGEX -> values.regex(value).map(StringMatch.Regex::new);
      case PRESENT, ABSENT ->
          throw new IllegalStateException("the grammar allows no such path match");
    };
  }

  private Optional<Match.Field> field(
      Literal name, MatchKind kind, Optional<Literal> value, boolean isHeader) {
    Optional<String> checkedName;
    if (isHeader) {
      checkedName = values.headerName(name);
    } else if (name.text().isEmpty()) {
      diagnostics.add(
          Diagnostic.error(Code.WRONG_VALUE_KIND, name.span(), "query parameter name is empty")
              .label("empty"));
      checkedName = Optional.empty();
    } else {
      checkedName = Optional.of(name.text());
    }
    Optional<StringMatch> match =
        switch (kind) {
          case EXACT -> value.map(v -> new StringMatch.Exact(v.text()));
          case PREFIX -> value.map(v -> new StringMatch.Prefix(v.text()));
          case REGEX -> value.flatMap(values::regex).map(StringMatch.Regex::new);
          case PRESENT -> Optional.of(new StringMatch.Present());
          case ABSENT -> Optional.of(new StringMatch.Absent());
        };
    if (checkedName.isEmpty() || match.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Match.Field(checkedName.get(), match.get()));
  }

  private void twice(String what, Span again, Span first) {
    diagnostics.add(
        Diagnostic.error(Code.DUPLICATE_ENTRY, again, "`" + what + "` is given twice in one match")
            .label("given again here")
            .secondary(first, "first given here")
            .help(
                what.equals("method")
                    ? "list several methods in one condition: `method GET, HEAD`"
                    : "a request has one path; split this into two rules"));
  }
}
