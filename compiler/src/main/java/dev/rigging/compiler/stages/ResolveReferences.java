package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Target;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.diag.Suggest;
import dev.rigging.dsl.ast.Action;
import dev.rigging.dsl.ast.AuthzItem;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.Destination;
import dev.rigging.dsl.ast.GatewayItem;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.ast.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Resolves every name that refers to another declaration: {@code calls}, the service of a {@code
 * route} or {@code authz}, destinations, and authz callers. Unknown names get the nearest existing
 * one suggested. Resolved destinations are recorded for later stages, and a destination with no
 * endpoints is reported here, where its span is known.
 */
final class ResolveReferences implements Stage {
  @Override
  public String name() {
    return "resolve-references";
  }

  @Override
  public void run(CompileContext cx) {
    for (ServiceShape shape : cx.shapes.values()) {
      Map<String, Name> seen = new HashMap<>();
      for (Name called : shape.calls()) {
        Name first = seen.putIfAbsent(called.text(), called);
        if (first != null) {
          cx.diagnostics()
              .add(
                  Diagnostic.error(
                          Code.DUPLICATE_ENTRY,
                          called.span(),
                          "`" + called.text() + "` is listed twice in `calls`")
                      .label("listed again here")
                      .secondary(first.span(), "first listed here")
                      .help("list each called service once"));
        } else if (service(cx, called, "called service").isPresent()) {
          ServiceShape target = cx.shapes.get(called.text());
          if (target != null && !target.declaresEndpoints()) {
            noEndpoints(
                cx,
                called.span(),
                "service `" + called.text() + "` has no endpoints",
                target.decl().name());
          }
        }
      }
    }
    for (Decl.Route route : cx.routes.values()) {
      if (service(cx, route.name(), "service").isEmpty()) {
        continue;
      }
      ServiceShape owner = cx.shapes.get(route.name().text());
      for (Rule rule : route.rules()) {
        List<Destination> named = destinations(rule);
        named.forEach(d -> resolve(cx, d, Optional.ofNullable(owner), named));
      }
    }
    for (Decl.Gateway gateway : cx.gateways.values()) {
      for (GatewayItem item : gateway.items()) {
        if (item instanceof Rule rule) {
          List<Destination> named = destinations(rule);
          named.forEach(d -> resolve(cx, d, Optional.empty(), named));
        }
      }
    }
    for (Decl.Authz authz : cx.authz.values()) {
      service(cx, authz.name(), "service");
      for (AuthzItem item : authz.items()) {
        if (item instanceof AuthzItem.Rule rule) {
          rule.from().forEach(caller -> identity(cx, caller));
        }
      }
    }
  }

  /** Returns the destinations a rule mentions: targets of to, split and mirror. */
  static List<Destination> destinations(Rule rule) {
    List<Destination> out = new ArrayList<>();
    for (Action action : rule.actions()) {
      switch (action) {
        case Action.To to -> out.add(to.destination());
        case Action.Split split -> split.parts().forEach(p -> out.add(p.destination()));
        case Action.Mirror mirror -> out.add(mirror.destination());
        default -> {}
      }
    }
    return out;
  }

  private static Optional<ServiceShape> service(CompileContext cx, Name name, String what) {
    ServiceShape shape = cx.shapes.get(name.text());
    if (shape != null) {
      return Optional.of(shape);
    }
    Diagnostic.Builder d =
        Diagnostic.error(
                Code.UNKNOWN_SERVICE, name.span(), "unknown " + what + " `" + name.text() + "`")
            .label("no service of this name");
    if (cx.gateways.containsKey(name.text())) {
      d.note(
              "`"
                  + name.text()
                  + "` is a gateway; gateways cannot be called or given routes from outside")
          .secondary(cx.gateways.get(name.text()).name().span(), "gateway declared here");
    } else {
      d.suggest(Suggest.nearest(name.text(), cx.services.keySet()));
    }
    cx.diagnostics().add(d);
    return Optional.empty();
  }

  /**
   * Resolves one destination of a rule. {@code named} is every destination of that rule: names the
   * rule already uses are not offered as "did you mean", since in `split v1 90%, v3 10%` the typo
   * cannot be `v1`.
   */
  private static void resolve(
      CompileContext cx, Destination dest, Optional<ServiceShape> owner, List<Destination> named) {
    Name first = dest.first();
    java.util.Set<String> taken = new java.util.HashSet<>();
    named.stream().filter(o -> o != dest).forEach(o -> taken.add(o.text()));
    if (dest.second().isPresent()) {
      Name versionName = dest.second().get();
      service(cx, first, "service").ifPresent(s -> version(cx, dest, s, versionName, taken));
      return;
    }
    if (owner.isPresent() && owner.get().versions().containsKey(first.text())) {
      if (cx.shapes.containsKey(first.text())) {
        cx.diagnostics()
            .add(
                Diagnostic.warning(
                        Code.AMBIGUOUS_DESTINATION,
                        first.span(),
                        "`"
                            + first.text()
                            + "` is both a version of `"
                            + owner.get().name()
                            + "` and a service; taken as the version")
                    .label("the version")
                    .help(
                        "write `"
                            + owner.get().name()
                            + "."
                            + first.text()
                            + "` to say so, or rename one of them"));
      }
      version(cx, dest, owner.get(), first, taken);
      return;
    }
    ServiceShape service = cx.shapes.get(first.text());
    if (service != null) {
      record(cx, dest, Target.service(service.name()), service, null);
      return;
    }
    TreeSet<String> candidates = new TreeSet<>(cx.shapes.keySet());
    Diagnostic.Builder d;
    if (owner.isPresent()) {
      candidates.addAll(owner.get().versions().keySet());
      d =
          Diagnostic.error(
                  Code.UNKNOWN_VERSION,
                  first.span(),
                  "unknown destination `"
                      + first.text()
                      + "`: not a version of `"
                      + owner.get().name()
                      + "` nor a service")
              .label("not found")
              .secondary(
                  owner.get().decl().name().span(),
                  "`"
                      + owner.get().name()
                      + "` has versions "
                      + quoted(owner.get().versions().keySet()));
    } else {
      d =
          Diagnostic.error(
                  Code.UNKNOWN_SERVICE, first.span(), "unknown service `" + first.text() + "`")
              .label("no service of this name");
      Decl.Gateway gateway = cx.gateways.get(first.text());
      if (gateway != null) {
        // Said here too: a gateway that took a service's name makes the service look missing.
        d.note(
                "`"
                    + first.text()
                    + "` is a gateway; gateways cannot be called or given routes from outside")
            .secondary(gateway.name().span(), "gateway declared here");
        candidates.clear();
      }
    }
    candidates.removeAll(taken);
    cx.diagnostics().add(d.suggest(Suggest.nearest(first.text(), candidates)));
  }

  private static void version(
      CompileContext cx,
      Destination dest,
      ServiceShape service,
      Name versionName,
      java.util.Set<String> taken) {
    ServiceShape.VersionShape version = service.versions().get(versionName.text());
    if (version == null) {
      List<String> candidates =
          service.versions().keySet().stream()
              .filter(v -> !taken.contains(service.name() + "." + v))
              .toList();
      Diagnostic.Builder d =
          Diagnostic.error(
                  Code.UNKNOWN_VERSION,
                  versionName.span(),
                  "unknown version `"
                      + versionName.text()
                      + "` of service `"
                      + service.name()
                      + "`")
              .label("not a version of `" + service.name() + "`")
              .secondary(
                  service.decl().name().span(),
                  service.versions().isEmpty()
                      ? "`" + service.name() + "` has no versions"
                      : "`"
                          + service.name()
                          + "` has versions "
                          + quoted(service.versions().keySet()))
              .suggest(Suggest.nearest(versionName.text(), candidates));
      cx.diagnostics().add(d);
      return;
    }
    record(cx, dest, Target.version(service.name(), versionName.text()), service, version);
  }

  private static void record(
      CompileContext cx,
      Destination dest,
      Target target,
      ServiceShape service,
      ServiceShape.VersionShape version) {
    cx.targets.put(dest, target);
    if (version != null && !version.declaresEndpoints()) {
      noEndpoints(
          cx,
          dest.span(),
          "version `"
              + version.decl().name().text()
              + "` of `"
              + service.name()
              + "` has no endpoints",
          version.decl().name());
    } else if (version == null && !service.declaresEndpoints()) {
      noEndpoints(
          cx,
          dest.span(),
          "service `" + service.name() + "` has no endpoints",
          service.decl().name());
    }
  }

  private static void noEndpoints(
      CompileContext cx, dev.rigging.source.Span at, String message, Name declared) {
    cx.diagnostics()
        .add(
            Diagnostic.error(Code.NO_ENDPOINTS, at, message)
                .label("traffic sent here would have nowhere to go")
                .secondary(declared.span(), "declared here without `endpoint`")
                .help("add `endpoint 127.0.0.1:<port>` to it"));
  }

  private static void identity(CompileContext cx, Name caller) {
    if (cx.identities().contains(caller.text())) {
      return;
    }
    cx.diagnostics()
        .add(
            Diagnostic.error(
                    Code.UNKNOWN_IDENTITY,
                    caller.span(),
                    "unknown caller identity `" + caller.text() + "`")
                .label("no service or gateway of this name")
                .suggest(Suggest.nearest(caller.text(), cx.identities()))
                .note(
                    "callers are named by their service or gateway; each has the identity spiffe://"
                        + cx.meshName
                        + "/<name>")
                .help("leave out `from` to match any caller"));
  }

  private static String quoted(java.util.Collection<String> names) {
    return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }
}
