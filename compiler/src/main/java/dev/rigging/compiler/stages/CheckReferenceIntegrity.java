package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Authz;
import dev.rigging.compiler.ir.Gateway;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.compiler.ir.RouteRule;
import dev.rigging.compiler.ir.Service;
import dev.rigging.compiler.ir.Target;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.source.Span;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the lowered mesh once more before anything is emitted, as java-control-plane's {@code
 * Snapshot.ensureConsistent()} does: every target names an existing service or version with
 * endpoints, every called service exists, every authz caller is a workload. The checker should make
 * these failures impossible, so one here is reported as a compiler bug.
 */
final class CheckReferenceIntegrity implements Stage {
  @Override
  public String name() {
    return "check-reference-integrity";
  }

  @Override
  public boolean needsCleanInput() {
    return true;
  }

  @Override
  public void run(CompileContext cx) {
    Mesh mesh = cx.mesh().orElseThrow();
    Map<String, Service> byName = new HashMap<>();
    mesh.services().forEach(s -> byName.put(s.name(), s));
    Set<String> workloads = new TreeSet<>(byName.keySet());
    mesh.gateways().forEach(g -> workloads.add(g.name()));
    for (Service s : mesh.services()) {
      for (String called : s.calls()) {
        if (!byName.containsKey(called)) {
          bug(cx, s.span(), "`" + s.name() + "` calls missing service `" + called + "`");
        }
      }
      if (!s.calls().isEmpty() && s.outboundPort().isEmpty()) {
        bug(cx, s.span(), "`" + s.name() + "` calls others but has no outbound port");
      }
      checkRules(cx, byName, s.routes());
      s.authz().ifPresent(a -> checkAuthz(cx, workloads, a));
    }
    for (Gateway g : mesh.gateways()) {
      checkRules(cx, byName, g.rules());
    }
  }

  private static void checkRules(
      CompileContext cx, Map<String, Service> byName, List<RouteRule> rules) {
    for (RouteRule rule : rules) {
      for (Target t : CheckTopology.targetsOf(List.of(rule))) {
        Service s = byName.get(t.service());
        if (s == null) {
          bug(cx, rule.span(), "rule targets missing service `" + t.service() + "`");
        } else if (t.version().isPresent() && s.version(t.version().get()).isEmpty()) {
          bug(cx, rule.span(), "rule targets missing version `" + t + "`");
        } else if (s.endpointsOf(t).isEmpty()) {
          bug(cx, rule.span(), "rule targets `" + t + "`, which has no endpoints");
        }
      }
    }
  }

  private static void checkAuthz(CompileContext cx, Set<String> workloads, Authz authz) {
    for (Authz.Rule rule : authz.rules()) {
      for (Authz.Identity id : rule.from()) {
        if (!workloads.contains(id.name())) {
          bug(cx, rule.span(), "authz names missing workload `" + id.name() + "`");
        }
      }
    }
  }

  private static void bug(CompileContext cx, Span span, String what) {
    cx.diagnostics()
        .add(
            Diagnostic.error(Code.INTERNAL_ERROR, span, "internal compiler error: " + what)
                .note("the checker should have caught this; please report it with this policy"));
  }
}
