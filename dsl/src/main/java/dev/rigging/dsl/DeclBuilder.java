package dev.rigging.dsl;

import dev.rigging.dsl.ast.AuthzItem;
import dev.rigging.dsl.ast.Condition;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.GatewayItem;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.ast.Rule;
import dev.rigging.dsl.ast.ServiceItem;
import dev.rigging.dsl.ast.Setting;
import dev.rigging.dsl.ast.VersionItem;
import dev.rigging.dsl.gen.MeshLexer;
import dev.rigging.dsl.gen.MeshParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds declarations (services, routes, authz, gateways) from parse-tree contexts. */
final class DeclBuilder {
  private final Trees t;
  private final RuleBuilder rules;

  DeclBuilder(Trees trees) {
    this.t = trees;
    this.rules = new RuleBuilder(trees);
  }

  Decl decl(DeclContext ctx) {
    if (ctx.serviceDecl() != null) {
      return service(ctx.serviceDecl());
    } else if (ctx.routeDecl() != null) {
      return route(ctx.routeDecl());
    } else if (ctx.authzDecl() != null) {
      return authz(ctx.authzDecl());
    } else if (ctx.gatewayDecl() != null) {
      return gateway(ctx.gatewayDecl());
    }
    return null;
  }

  private Decl.Service service(ServiceDeclContext ctx) {
    Name name = t.name(ctx.name());
    if (name == null) {
      return null;
    }
    List<ServiceItem> items = new ArrayList<>();
    for (ServiceItemContext item : ctx.serviceItem()) {
      ServiceItem built =
          switch (item) {
            case ServicePortItemContext c -> port(c.portItem());
            case OutboundItemContext c ->
                nonNull(
                    t.literal(c.INT(), Literal.Kind.INT),
                    n -> new ServiceItem.Outbound(n, t.span(c)));
            case CallsItemContext c -> new ServiceItem.Calls(names(c.name()), t.span(c));
            case ServiceEndpointItemContext c -> endpoint(c.endpointItem());
            case VersionItemContext c -> version(c.versionDecl());
            case ServicePolicyItemContext c -> policy(c.policyBlock());
            default -> null;
          };
      add(items, built);
    }
    return new Decl.Service(name, items, t.span(ctx));
  }

  ServiceItem.Port port(PortItemContext ctx) {
    Literal number = t.literal(ctx.INT(), Literal.Kind.INT);
    Name protocol = t.name(ctx.name());
    return number == null || protocol == null
        ? null
        : new ServiceItem.Port(number, protocol, t.span(ctx));
  }

  private ServiceItem.Endpoint endpoint(EndpointItemContext ctx) {
    AddressContext a = ctx.address();
    if (a == null || !Trees.complete(a)) {
      return null;
    }
    Literal address =
        a.STRING() != null ? t.string(a.STRING()) : t.literal(a.getStart(), Literal.Kind.ADDRESS);
    return address == null ? null : new ServiceItem.Endpoint(address, t.span(ctx));
  }

  private ServiceItem.Version version(VersionDeclContext ctx) {
    Name name = t.name(ctx.name());
    if (name == null) {
      return null;
    }
    List<VersionItem> items = new ArrayList<>();
    for (VersionEntryContext entry : ctx.versionEntry()) {
      VersionItem built =
          switch (entry) {
            case LabelsEntryContext c -> labels(c);
            case VersionEndpointEntryContext c -> endpoint(c.endpointItem());
            case VersionPolicyEntryContext c -> policy(c.policyBlock());
            default -> null;
          };
      add(items, built);
    }
    return new ServiceItem.Version(name, items, t.span(ctx));
  }

  private VersionItem.Labels labels(LabelsEntryContext ctx) {
    List<VersionItem.Label> labels = new ArrayList<>();
    for (LabelContext label : ctx.label()) {
      LabelKeyContext k = label.labelKey();
      if (k == null || !Trees.complete(label)) {
        continue;
      }
      Literal key =
          k.STRING() != null
              ? t.string(k.STRING())
              : new Literal(Literal.Kind.WORD, k.getText(), t.span(k));
      Literal value = t.string(label.STRING());
      if (value != null) {
        labels.add(new VersionItem.Label(key, value, t.span(label)));
      }
    }
    return new VersionItem.Labels(labels, t.span(ctx));
  }

  private ServiceItem.Policy policy(PolicyBlockContext ctx) {
    return new ServiceItem.Policy(settings(ctx.setting()), t.span(ctx));
  }

  private List<Setting> settings(List<SettingContext> contexts) {
    List<Setting> out = new ArrayList<>();
    for (SettingContext s : contexts) {
      switch (s) {
        case ValueSettingContext c -> {
          Name key = t.name(c.name());
          Literal value = settingValue(c.settingValue());
          if (key != null && value != null) {
            out.add(new Setting.Value(key, value, t.span(c)));
          }
        }
        case BlockSettingContext c -> {
          Name key = t.name(c.name());
          if (key != null) {
            out.add(new Setting.Block(key, settings(c.setting()), t.span(c)));
          }
        }
        default -> {}
      }
    }
    return out;
  }

  private Literal settingValue(SettingValueContext ctx) {
    if (ctx == null || !Trees.complete(ctx)) {
      return null;
    }
    if (ctx.name() != null) {
      return new Literal(Literal.Kind.WORD, ctx.getText(), t.span(ctx));
    }
    var token = ctx.getStart();
    return t.literal(token, literalKind(token.getType()));
  }

  static Literal.Kind literalKind(int tokenType) {
    return switch (tokenType) {
      case MeshLexer.INT -> Literal.Kind.INT;
      case MeshLexer.DECIMAL -> Literal.Kind.DECIMAL;
      case MeshLexer.PERCENT -> Literal.Kind.PERCENT;
      case MeshLexer.UNIT_NUMBER -> Literal.Kind.UNIT_NUMBER;
      case MeshLexer.STRING -> Literal.Kind.STRING;
      case MeshLexer.IPV4_ADDRESS, MeshLexer.IPV6_ADDRESS -> Literal.Kind.ADDRESS;
      default -> Literal.Kind.WORD;
    };
  }

  private Decl.Route route(RouteDeclContext ctx) {
    Name name = t.name(ctx.name());
    if (name == null) {
      return null;
    }
    List<Rule> built = ctx.routeRule().stream().map(rules::rule).filter(Objects::nonNull).toList();
    return new Decl.Route(name, built, t.span(ctx));
  }

  private Decl.Authz authz(AuthzDeclContext ctx) {
    Name name = t.name(ctx.name());
    if (name == null) {
      return null;
    }
    List<AuthzItem> items = new ArrayList<>();
    for (AuthzItemContext item : ctx.authzItem()) {
      add(
          items,
          switch (item) {
            case AuthzDefaultContext c ->
                c.decision == null
                    ? null
                    : new AuthzItem.Default(decision(c.decision.getType()), t.span(c));
            case AuthzRuleContext c -> authzRule(c);
            default -> null;
          });
    }
    return new Decl.Authz(name, items, t.span(ctx));
  }

  private AuthzItem.Rule authzRule(AuthzRuleContext ctx) {
    if (ctx.decision == null) {
      return null;
    }
    List<Name> from = ctx.authzFrom() == null ? List.of() : names(ctx.authzFrom().name());
    List<Name> methods = new ArrayList<>();
    List<Literal> paths = new ArrayList<>();
    if (ctx.authzTo() != null) {
      for (AuthzMethodContext method : ctx.authzTo().authzMethod()) {
        if (Trees.complete(method)) {
          methods.add(new Name(method.getText(), t.span(method)));
        }
      }
      ctx.authzTo().STRING().forEach(s -> add(paths, t.string(s)));
    }
    List<Condition.Header> when = new ArrayList<>();
    if (ctx.authzWhen() != null) {
      var w = ctx.authzWhen();
      for (int i = 0; i < w.STRING().size() && i < w.valueMatch().size(); i++) {
        Literal header = t.string(w.STRING(i));
        var match = rules.valueMatch(w.valueMatch(i));
        if (header != null && match != null) {
          when.add(
              new Condition.Header(
                  header, match.kind(), match.value(), header.span().to(t.span(w.valueMatch(i)))));
        }
      }
    }
    return new AuthzItem.Rule(
        decision(ctx.decision.getType()), from, methods, paths, when, t.span(ctx));
  }

  private static AuthzItem.Decision decision(int tokenType) {
    return tokenType == MeshLexer.ALLOW ? AuthzItem.Decision.ALLOW : AuthzItem.Decision.DENY;
  }

  private Decl.Gateway gateway(GatewayDeclContext ctx) {
    Name name = t.name(ctx.name());
    if (name == null) {
      return null;
    }
    List<GatewayItem> items = new ArrayList<>();
    for (GatewayItemContext item : ctx.gatewayItem()) {
      add(
          items,
          switch (item) {
            case GatewayPortContext c -> port(c.portItem());
            case GatewayHostsContext c ->
                new GatewayItem.Hosts(
                    c.STRING().stream().map(t::string).filter(Objects::nonNull).toList(),
                    t.span(c));
            case GatewayRuleContext c -> rules.rule(c.routeRule());
            default -> null;
          });
    }
    return new Decl.Gateway(name, items, t.span(ctx));
  }

  private List<Name> names(List<NameContext> contexts) {
    return contexts.stream().map(t::name).filter(Objects::nonNull).toList();
  }

  private static <T> void add(List<? super T> list, T item) {
    if (item != null) {
      list.add(item);
    }
  }

  private static <A, R> R nonNull(A value, java.util.function.Function<A, R> build) {
    return value == null ? null : build.apply(value);
  }
}
