package dev.rigging.dsl;

import dev.rigging.dsl.Layout.Block;
import dev.rigging.dsl.Layout.Line;
import dev.rigging.dsl.Layout.Spaced;
import dev.rigging.dsl.Layout.Spacing;
import dev.rigging.dsl.ast.AuthzItem;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.GatewayItem;
import dev.rigging.dsl.ast.MeshFile;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.ast.Rule;
import dev.rigging.dsl.ast.ServiceItem;
import dev.rigging.dsl.ast.Setting;
import dev.rigging.dsl.ast.VersionItem;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns the AST into the canonical {@link Layout}: every declaration, version, policy, nested
 * setting and rule is a block; every other item is one line. The switches are exhaustive, so a new
 * kind of node does not compile until it has a canonical form here.
 */
final class LayoutBuilder {
  private final SourceScanner source;
  private final RuleText rules;

  LayoutBuilder(SourceScanner source) {
    this.source = source;
    this.rules = new RuleText(source);
  }

  /** Returns the file's top-level pieces: header, imports, declarations, with their spacing. */
  List<Spaced> file(MeshFile file) {
    List<Spaced> pieces = new ArrayList<>();
    pieces.add(new Spaced(line("mesh " + file.mesh().text(), file.header()), Spacing.NONE));
    Spacing spacing = Spacing.BLANK;
    for (MeshFile.Import i : file.imports()) {
      pieces.add(new Spaced(line("import " + Literals.text(i.path()), i.span()), spacing));
      spacing = Spacing.PRESERVE;
    }
    for (Decl decl : file.decls()) {
      pieces.add(new Spaced(decl(decl), Spacing.BLANK));
    }
    requireNoCodeBetween(
        0, pieces.stream().map(Spaced::layout).toList(), file.source().text().length());
    return pieces;
  }

  private Layout decl(Decl decl) {
    return switch (decl) {
      case Decl.Service s ->
          named("service", s.name(), s.span(), map(s.items(), this::serviceItem));
      case Decl.Route r -> named("route", r.name(), r.span(), map(r.rules(), this::rule));
      case Decl.Authz a ->
          named(
              "authz",
              a.name(),
              a.span(),
              map(a.items(), (AuthzItem i) -> line(ItemText.authz(i), i.span())));
      case Decl.Gateway g ->
          named("gateway", g.name(), g.span(), map(g.items(), this::gatewayItem));
    };
  }

  private Layout serviceItem(ServiceItem item) {
    return switch (item) {
      case ServiceItem.Port p -> line(ItemText.port(p), p.span());
      case ServiceItem.Outbound o -> line(ItemText.outbound(o), o.span());
      case ServiceItem.Calls c -> line(ItemText.calls(c), c.span());
      case ServiceItem.Endpoint e -> line(ItemText.endpoint(e), e.span());
      case ServiceItem.Version v ->
          named("version", v.name(), v.span(), map(v.items(), this::versionItem));
      case ServiceItem.Policy p -> policy(p);
    };
  }

  private Layout versionItem(VersionItem item) {
    return switch (item) {
      case VersionItem.Labels l -> line(ItemText.labels(l), l.span());
      case ServiceItem.Endpoint e -> line(ItemText.endpoint(e), e.span());
      case ServiceItem.Policy p -> policy(p);
    };
  }

  private Layout policy(ServiceItem.Policy policy) {
    int keywordEnd = policy.span().start() + "policy".length();
    return block("policy", policy.span(), keywordEnd, map(policy.settings(), this::setting), false);
  }

  private Layout setting(Setting setting) {
    return switch (setting) {
      case Setting.Value v -> line(ItemText.setting(v), v.span());
      case Setting.Block b ->
          block(
              b.key().text(),
              b.span(),
              b.key().span().end(),
              map(b.settings(), this::setting),
              false);
    };
  }

  private Layout gatewayItem(GatewayItem item) {
    return switch (item) {
      case ServiceItem.Port p -> line(ItemText.port(p), p.span());
      case GatewayItem.Hosts h -> line(ItemText.hosts(h), h.span());
      case Rule r -> rule(r);
    };
  }

  private Layout rule(Rule rule) {
    List<Layout> actions = map(rule.actions(), a -> line(rules.action(a), a.span()));
    return block(rules.head(rule), rule.span(), rule.head().end(), actions, true);
  }

  private Layout named(String keyword, Name name, Span span, List<Layout> children) {
    return block(keyword + " " + name.text(), span, name.span().end(), children, false);
  }

  private Layout block(
      String header, Span span, int headerEnd, List<Layout> children, boolean compact) {
    int open = source.openBraceAfter(headerEnd);
    int close = source.closeBraceBefore(span.end());
    requireNoCodeBetween(open + 1, children, close);
    return new Block(header, span.start(), open, children, close, compact);
  }

  /**
   * Checks that the pieces account for all code in {@code [from, to)}. The parser leaves out what
   * it could not read after a syntax error (and policy settings nested too deep), and the formatter
   * must fail rather than delete it.
   */
  private void requireNoCodeBetween(int from, List<Layout> pieces, int to) {
    int gapStart = from;
    for (Layout piece : pieces) {
      source.requireNoCode(gapStart, piece.start());
      gapStart = piece.end();
    }
    source.requireNoCode(gapStart, to);
  }

  private static Line line(String text, Span span) {
    return new Line(text, span.start(), span.end());
  }

  private static <T> List<Layout> map(List<T> items, Function<T, Layout> layout) {
    return items.stream().map(layout).toList();
  }
}
