package dev.rigging.dsl.ast;

import dev.rigging.source.Span;
import java.util.List;

/** A top-level declaration. */
public sealed interface Decl {
  Name name();

  Span span();

  /** Returns what kind of thing this declares, for messages ("service", "route", ...). */
  default String keyword() {
    return switch (this) {
      case Service s -> "service";
      case Route r -> "route";
      case Authz a -> "authz";
      case Gateway g -> "gateway";
    };
  }

  /** {@code service NAME { ... }}. */
  record Service(Name name, List<ServiceItem> items, Span span) implements Decl {
    public Service {
      items = List.copyOf(items);
    }
  }

  /** {@code route SERVICE { rules }}: how calls to SERVICE are routed. */
  record Route(Name name, List<Rule> rules, Span span) implements Decl {
    public Route {
      rules = List.copyOf(rules);
    }
  }

  /** {@code authz SERVICE { default ...; allow/deny rules }}: who may call SERVICE. */
  record Authz(Name name, List<AuthzItem> items, Span span) implements Decl {
    public Authz {
      items = List.copyOf(items);
    }
  }

  /** {@code gateway NAME { port, hosts, rules }}: an ingress gateway. */
  record Gateway(Name name, List<GatewayItem> items, Span span) implements Decl {
    public Gateway {
      items = List.copyOf(items);
    }
  }
}
