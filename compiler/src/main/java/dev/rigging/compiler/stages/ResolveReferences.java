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
 * Resolves every name that refers to another declaration: {@code calls}, the service of a
 * {@code route} or {@code authz}, destinations, and authz callers. Unknown names get the
 * nearest existing one suggested. Resolved destinations are recorded for later stages, and a
 * destination with no endpoints is reported here, where its span is known.
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
          cx.diagnostics().add(
              Diagnostic.error(Code.DUPLICATE_ENTRY, called.span(), "`" + called.text() + "` is listed twice in `calls`")
                  .label("listed again here")
                  .secondary(first.span(), "first listed here"));
        } else if (service(cx, called, "called service").isPresent()) {
          ServiceShape target = cx.shapes.get(called.text());
          if (target != null && target.endpoints().isEmpty() && target.versions().values().stream().allMatch(v -> v.endpoints().isEmpty())) {
            noEndpoints(cx, called.span(), "service `" + called.text() + "` has no endpoints", target.decl().name());
          }
        }
      }
    }
    for (Decl.Route route : cx.routes.values()) {
      if (service(cx, route.name(), "service").isEmpty()) {
        continue;
      }
      ServiceShape owner = cx.shapes.get(route.name().text());
      route.rules().forEach(rule -> destinations(rule).forEach(d -> resolve(cx, d, Optional.ofNullable(owner))));
    }
    for (Decl.Gateway gateway : cx.gateways.values()) {
      for (GatewayItem item : gateway.items()) {
        if (item instanceof Rule rule) {
          destinations(rule).forEach(d -> resolve(cx, d, Optional.empty()));
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
        Diagnostic.error(Code.UNKNOWN_SERVICE, name.span(), "unknown " + what + " `" + name.text() + "`")
            .label("no service of this name");
    if (cx.gateways.containsKey(name.text())) {
      d.note("`" + name.text() + "` is a gateway; gateways cannot be called or given routes from outside")
          .secondary(cx.gateways.get(name.text()).name().span(), "gateway declared here");
    } else {
      d.suggest(Suggest.nearest(name.text(), cx.services.keySet()));
    }
    cx.diagnostics().add(d);
    return Optional.empty();
  }

  private static void resolve(CompileContext cx, Destination dest, Optional<ServiceShape> owner) {
    Name first = dest.first();
    if (dest.second().isPresent()) {
      Name versionName = dest.second().get();
      service(cx, first, "service").ifPresent(s -> version(cx, dest, s, versionName));
      return;
    }
    if (owner.isPresent() && owner.get().versions().containsKey(first.text())) {
      if (cx.shapes.containsKey(first.text())) {
        cx.diagnostics().add(
            Diagnostic.warning(Code.AMBIGUOUS_DESTINATION, first.span(),
                    "`" + first.text() + "` is both a version of `" + owner.get().name() + "` and a service; taken as the version")
                .label("the version")
                .help("write `" + owner.get().name() + "." + first.text() + "` to say so, or rename one of them"));
      }
      version(cx, dest, owner.get(), first);
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
      d = Diagnostic.error(Code.UNKNOWN_VERSION, first.span(),
              "unknown destination `" + first.text() + "`: not a version of `" + owner.get().name() + "` nor a service")
          .label("not found")
          .secondary(owner.get().decl().name().span(), "`" + owner.get().name() + "` has versions " + quoted(owner.get().versions().keySet()));
    } else {
      d = Diagnostic.error(Code.UNKNOWN_SERVICE, first.span(), "unknown service `" + first.text() + "`")
          .label("no service of this name");
    }
    cx.diagnostics().add(d.suggest(Suggest.nearest(first.text(), candidates)));
  }

  private static void version(CompileContext cx, Destination dest, ServiceShape service, Name versionName) {
    ServiceShape.VersionShape version = service.versions().get(versionName.text());
    if (version == null) {
      Diagnostic.Builder d =
          Diagnostic.error(Code.UNKNOWN_VERSION, versionName.span(),
                  "unknown version `" + versionName.text() + "` of service `" + service.name() + "`")
              .label("not a version of `" + service.name() + "`")
              .secondary(service.decl().name().span(), service.versions().isEmpty()
                  ? "`" + service.name() + "` has no versions"
                  : "`" + service.name() + "` has versions " + quoted(service.versions().keySet()))
              .suggest(Suggest.nearest(versionName.text(), service.versions().keySet()));
      cx.diagnostics().add(d);
      return;
    }
    record(cx, dest, Target.version(service.name(), versionName.text()), service, version);
  }

  private static void record(
      CompileContext cx, Destination dest, Target target, ServiceShape service, ServiceShape.VersionShape version) {
    cx.targets.put(dest, target);
    if (version != null && version.endpoints().isEmpty()) {
      noEndpoints(cx, dest.span(), "version `" + version.decl().name().text() + "` of `" + service.name() + "` has no endpoints",
          version.decl().name());
    } else if (version == null && service.endpoints().isEmpty()
        && service.versions().values().stream().allMatch(v -> v.endpoints().isEmpty())) {
      noEndpoints(cx, dest.span(), "service `" + service.name() + "` has no endpoints", service.decl().name());
    }
  }

  private static void noEndpoints(CompileContext cx, dev.rigging.source.Span at, String message, Name declared) {
    cx.diagnostics().add(
        Diagnostic.error(Code.NO_ENDPOINTS, at, message)
            .label("traffic sent here would have nowhere to go")
            .secondary(declared.span(), "declared here without `endpoint`")
            .help("add `endpoint 127.0.0.1:<port>` to it"));
  }

  private static void identity(CompileContext cx, Name caller) {
    if (cx.identities().contains(caller.text())) {
      return;
    }
    cx.diagnostics().add(
        Diagnostic.error(Code.UNKNOWN_IDENTITY, caller.span(), "unknown caller identity `" + caller.text() + "`")
            .label("no service or gateway of this name")
            .suggest(Suggest.nearest(caller.text(), cx.identities()))
            .note("callers are named by their service or gateway; each has the identity spiffe://" + cx.meshName + "/<name>")
            .help("leave out `from` to match any caller"));
  }

  private static String quoted(java.util.Collection<String> names) {
    return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }
}
