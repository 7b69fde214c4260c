package dev.rigging.dsl;

import dev.rigging.dsl.ast.AuthzItem;
import dev.rigging.dsl.ast.GatewayItem;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.ServiceItem;
import dev.rigging.dsl.ast.Setting;
import dev.rigging.dsl.ast.VersionItem;
import java.util.ArrayList;
import java.util.List;

/** The one-line text of the items of services, versions, policies, authz and gateways. */
final class ItemText {
  private ItemText() {}

  static String port(ServiceItem.Port p) {
    return "port " + p.number().text() + " " + p.protocol().text();
  }

  static String outbound(ServiceItem.Outbound o) {
    return "outbound " + o.number().text();
  }

  static String calls(ServiceItem.Calls c) {
    return "calls " + RuleText.names(c.services());
  }

  static String endpoint(ServiceItem.Endpoint e) {
    return "endpoint " + Literals.text(e.address());
  }

  /** Returns {@code labels { version: "v1", app: "x" }}, always on one line. */
  static String labels(VersionItem.Labels l) {
    if (l.labels().isEmpty()) {
      return "labels {}";
    }
    return "labels { "
        + RuleText.join(
            l.labels(),
            label -> Literals.text(label.key()) + ": " + Literals.text(label.value()),
            ", ")
        + " }";
  }

  static String setting(Setting.Value s) {
    return s.key().text() + " " + Literals.text(s.value());
  }

  static String hosts(GatewayItem.Hosts h) {
    return "hosts " + RuleText.join(h.hosts(), Literals::text, ", ");
  }

  static String authz(AuthzItem item) {
    return switch (item) {
      case AuthzItem.Default d -> "default " + d.decision().keyword();
      case AuthzItem.Rule r -> authzRule(r);
    };
  }

  /**
   * Returns {@code allow from a, b to GET, POST "/x", "/y" when header "h" present and ...}.
   * Methods come before paths: the AST keeps them apart, and that is how they read.
   */
  private static String authzRule(AuthzItem.Rule r) {
    List<String> parts = new ArrayList<>();
    parts.add(r.decision().keyword());
    if (!r.from().isEmpty()) {
      parts.add("from " + RuleText.names(r.from()));
    }
    if (!r.methods().isEmpty() || !r.paths().isEmpty()) {
      List<String> targets = new ArrayList<>();
      targets.add("to");
      if (!r.methods().isEmpty()) {
        targets.add(RuleText.names(r.methods()));
      }
      if (!r.paths().isEmpty()) {
        targets.add(paths(r.paths()));
      }
      parts.add(String.join(" ", targets));
    }
    if (!r.when().isEmpty()) {
      parts.add(
          "when "
              + RuleText.join(
                  r.when(),
                  h ->
                      "header "
                          + Literals.text(h.name())
                          + " "
                          + RuleText.valueMatch(h.kind(), h.value()),
                  " and "));
    }
    return String.join(" ", parts);
  }

  private static String paths(List<Literal> paths) {
    return RuleText.join(paths, Literals::text, ", ");
  }
}
