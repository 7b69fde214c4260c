package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Authz;
import dev.rigging.compiler.ir.Match;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.dsl.ast.AuthzItem;
import dev.rigging.dsl.ast.Condition;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.Literal;
import dev.rigging.dsl.ast.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks and lowers {@code authz} blocks. The default decision must be written down — never implied
 * — and allow rules under {@code default allow} are flagged as having no effect.
 */
final class CheckAuthz implements Stage {
  @Override
  public String name() {
    return "check-authz";
  }

  @Override
  public void run(CompileContext cx) {
    MatchLowering matches = new MatchLowering(cx.diagnostics(), cx.values());
    for (Decl.Authz authz : cx.authz.values()) {
      CheckServices.Once<AuthzItem.Default> decision = new CheckServices.Once<>(cx, "default");
      List<Authz.Rule> rules = new ArrayList<>();
      boolean ok = true;
      for (AuthzItem item : authz.items()) {
        switch (item) {
          case AuthzItem.Default d -> decision.set(d, d.span());
          case AuthzItem.Rule r -> {
            Optional<Authz.Rule> rule = rule(cx, matches, r);
            ok &= rule.isPresent();
            rule.ifPresent(rules::add);
          }
        }
      }
      if (decision.value == null) {
        cx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.AUTHZ_NO_DEFAULT,
                        authz.name().span(),
                        "authz for `"
                            + authz.name().text()
                            + "` does not say what happens when no rule matches")
                    .label("no `default allow` or `default deny`")
                    .note(
                        "Rigging never implies a default: deny rules are checked first, then allow"
                            + " rules, then the default")
                    .help("add `default deny` (only listed callers get in) or `default allow`"));
        continue;
      }
      Authz.Decision fallback = decision(decision.value.decision());
      if (fallback == Authz.Decision.ALLOW) {
        for (Authz.Rule rule : rules) {
          if (rule.decision() == Authz.Decision.ALLOW) {
            cx.diagnostics()
                .add(
                    Diagnostic.warning(
                            Code.AUTHZ_RULE_NO_EFFECT,
                            rule.span(),
                            "allow rule has no effect: the default is already allow")
                        .label("allows what is allowed anyway")
                        .secondary(decision.value.span(), "default set here")
                        .help("remove the rule, or change the default to `deny`"));
          }
        }
      }
      if (ok
          && fallback == Authz.Decision.DENY
          && rules.stream().noneMatch(r -> r.decision() == Authz.Decision.ALLOW)) {
        for (Authz.Rule rule : rules) {
          cx.diagnostics()
              .add(
                  Diagnostic.warning(
                          Code.AUTHZ_RULE_NO_EFFECT,
                          rule.span(),
                          "deny rule has no effect: the default is deny and no rule allows"
                              + " anything")
                      .label("denies what is denied anyway")
                      .secondary(decision.value.span(), "default set here")
                      .note("deny rules matter only where an allow rule would let a request in")
                      .help(
                          "add the allow rules this deny rule makes exceptions to, or remove it"));
        }
      }
      if (ok && cx.shapes.containsKey(authz.name().text())) {
        cx.checkedAuthz.put(authz.name().text(), new Authz(fallback, rules, authz.span()));
      }
    }
  }

  private static Optional<Authz.Rule> rule(
      CompileContext cx, MatchLowering matches, AuthzItem.Rule r) {
    boolean ok = true;
    List<Authz.Identity> from = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (Name caller : r.from()) {
      ok &= cx.identities().contains(caller.text()); // unknown ones reported by resolve-references
      if (seen.add(caller.text())) {
        from.add(
            new Authz.Identity(caller.text(), "spiffe://" + cx.meshName + "/" + caller.text()));
      }
    }
    from.sort(java.util.Comparator.comparing(Authz.Identity::name));
    TreeSet<String> methods = new TreeSet<>();
    for (Name method : r.methods()) {
      Optional<String> m = matches.method(method);
      ok &= m.isPresent();
      m.ifPresent(methods::add);
    }
    List<Authz.PathPattern> paths = new ArrayList<>();
    for (Literal path : r.paths()) {
      Optional<Authz.PathPattern> p = pathPattern(cx, path);
      ok &= p.isPresent();
      p.ifPresent(paths::add);
    }
    List<Match.Field> headers = new ArrayList<>();
    for (Condition.Header h : r.when()) {
      Optional<Match.Field> f = matches.header(h);
      ok &= f.isPresent();
      f.ifPresent(headers::add);
    }
    return ok
        ? Optional.of(
            new Authz.Rule(decision(r.decision()), from, methods, paths, headers, r.span()))
        : Optional.empty();
  }

  /** {@code "*"}, {@code "/prefix/*"}, {@code "*.suffix"} or an exact path. */
  private static Optional<Authz.PathPattern> pathPattern(CompileContext cx, Literal lit) {
    String p = lit.text();
    if (p.equals("*")) {
      return Optional.of(new Authz.PathPattern.Any());
    }
    int stars = (int) p.chars().filter(c -> c == '*').count();
    boolean leading = p.startsWith("*");
    boolean trailing = p.endsWith("*");
    if (stars > 1 || (stars == 1 && !leading && !trailing)) {
      cx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.INVALID_PATH, lit.span(), "`*` may only start or end an authz path")
                  .label("unsupported wildcard")
                  .help("use `\"/prefix/*\"`, `\"*.suffix\"`, `\"*\"` or an exact path"));
      return Optional.empty();
    }
    if (leading) {
      return Optional.of(new Authz.PathPattern.Suffix(p.substring(1)));
    }
    Optional<String> checked = cx.values().path(lit, "authz path");
    return checked.map(
        c ->
            trailing
                ? new Authz.PathPattern.Prefix(c.substring(0, c.length() - 1))
                : new Authz.PathPattern.Exact(c));
  }

  private static Authz.Decision decision(AuthzItem.Decision d) {
    return d == AuthzItem.Decision.ALLOW ? Authz.Decision.ALLOW : Authz.Decision.DENY;
  }
}
