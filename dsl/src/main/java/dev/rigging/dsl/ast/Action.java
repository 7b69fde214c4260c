package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;
import java.util.Optional;

/** One action inside a rule's braces. */
public sealed interface Action {
  Span span();

  /** Returns the keyword that starts the action, for messages. */
  default String keyword() {
    return switch (this) {
      case To a -> "to";
      case Split a -> "split";
      case Fault a -> "fault";
      case Timeout a -> "timeout";
      case Retries a -> "retries";
      case Mirror a -> "mirror";
      case Rewrite a -> "rewrite";
      case Redirect a -> "redirect";
      case Respond a -> "respond";
      case Headers a -> a.direction().keyword();
    };
  }

  /** {@code to v2}. */
  record To(Destination destination, Span span) implements Action {}

  /** {@code split v1 20%, v2 80%}. */
  record Split(List<Weighted> parts, Span span) implements Action {
    public Split {
      parts = List.copyOf(parts);
    }
  }

  /** One {@code destination percent} of a split. */
  record Weighted(Destination destination, Literal percent, Span span) {}

  /** {@code fault delay 5s on 10%, abort 500 on 10%}. */
  record Fault(List<FaultPart> parts, Span span) implements Action {
    public Fault {
      parts = List.copyOf(parts);
    }
  }

  /** A delay or an abort; the percentage defaults to 100%. */
  sealed interface FaultPart {
    Span span();

    Optional<Literal> percent();
  }

  /** {@code delay 5s on 10%}. */
  record Delay(Literal duration, Optional<Literal> percent, Span span) implements FaultPart {}

  /** {@code abort 500 on 10%}. */
  record Abort(Literal status, Optional<Literal> percent, Span span) implements FaultPart {}

  /** {@code timeout 500ms}. */
  record Timeout(Literal duration, Span span) implements Action {}

  /** {@code retries 3 per_try 2s on 5xx, connect-failure, 503 backoff 25ms max 250ms}. */
  record Retries(
      Literal attempts,
      Optional<Literal> perTry,
      List<Literal> on,
      Optional<Literal> backoff,
      Optional<Literal> backoffMax,
      List<Span> clauseSpans,
      Span span)
      implements Action {
    public Retries {
      on = List.copyOf(on);
      clauseSpans = List.copyOf(clauseSpans);
    }
  }

  /** {@code mirror v2 on 50%}: copies requests, fire and forget. */
  record Mirror(Destination destination, Optional<Literal> percent, Span span) implements Action {}

  /** {@code rewrite prefix "/" host "internal"}. */
  record Rewrite(List<RewritePart> parts, Span span) implements Action {
    public Rewrite {
      parts = List.copyOf(parts);
    }
  }

  /** One part of a rewrite. */
  sealed interface RewritePart {
    Span span();
  }

  /** {@code prefix "/new"}: replaces the matched path prefix. */
  record PrefixRewrite(Literal prefix, Span span) implements RewritePart {}

  /** {@code regex "^/a/(.*)" "/b/\1"}: RE2 pattern and substitution. */
  record RegexRewrite(Literal pattern, Literal substitution, Span span) implements RewritePart {}

  /** {@code host "internal.example"}: rewrites the Host/:authority header. */
  record HostRewrite(Literal host, Span span) implements RewritePart {}

  /** {@code redirect scheme "https" host "x" port 443 path "/p" code 301 strip_query}. */
  record Redirect(List<RedirectPart> parts, Span span) implements Action {
    public Redirect {
      parts = List.copyOf(parts);
    }
  }

  /** One part of a redirect; {@code value} is empty only for {@code strip_query}. */
  record RedirectPart(RedirectField field, Optional<Literal> value, Span span) {}

  /** What a redirect part sets. */
  enum RedirectField {
    SCHEME,
    HOST,
    PORT,
    PATH,
    PREFIX,
    CODE,
    STRIP_QUERY;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code respond 404 "not here"}: answers directly, without calling any service. */
  record Respond(Literal status, Optional<Literal> body, Span span) implements Action {}

  /** {@code request set "x-a" "1"}, {@code response remove "server"}. */
  record Headers(Direction direction, HeaderOp op, Literal name, Optional<Literal> value, Span span)
      implements Action {}

  /** Which message a header edit applies to. */
  enum Direction {
    REQUEST,
    RESPONSE;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A header edit: set replaces, add appends, remove deletes. */
  enum HeaderOp {
    SET,
    ADD,
    REMOVE;

    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
