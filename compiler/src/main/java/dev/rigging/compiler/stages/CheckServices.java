package dev.rigging.compiler.stages;

import dev.rigging.compiler.ir.Endpoint;
import dev.rigging.compiler.ir.Protocol;
import dev.rigging.compiler.ir.TrafficPolicy;
import dev.rigging.diag.Code;
import dev.rigging.diag.Diagnostic;
import dev.rigging.dsl.ast.Decl;
import dev.rigging.dsl.ast.Name;
import dev.rigging.dsl.ast.ServiceItem;
import dev.rigging.dsl.ast.VersionItem;
import dev.rigging.source.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Checks each service's own block — port and protocol, outbound port, endpoints, versions, labels,
 * traffic policy — and records the checked {@link ServiceShape}.
 */
final class CheckServices implements Stage {
  static final List<String> PROTOCOLS =
      Arrays.stream(Protocol.values()).map(Protocol::keyword).toList();

  @Override
  public String name() {
    return "check-services";
  }

  @Override
  public void run(CompileContext cx) {
    PolicySettings settings = new PolicySettings(cx.diagnostics(), cx.values());
    for (Decl.Service service : cx.services.values()) {
      cx.shapes.put(service.name().text(), shape(cx, settings, service));
    }
  }

  private ServiceShape shape(CompileContext cx, PolicySettings settings, Decl.Service service) {
    Once<ServiceItem.Port> port = new Once<>(cx, "port");
    Once<ServiceItem.Outbound> outbound = new Once<>(cx, "outbound");
    Once<ServiceItem.Policy> policy = new Once<>(cx, "policy");
    List<Endpoint> endpoints = new ArrayList<>();
    List<ServiceItem.Version> versionDecls = new ArrayList<>();
    List<Name> calls = new ArrayList<>();
    for (ServiceItem item : service.items()) {
      switch (item) {
        case ServiceItem.Port p -> port.set(p, p.span());
        case ServiceItem.Outbound o -> outbound.set(o, o.span());
        case ServiceItem.Policy p -> policy.set(p, p.span());
        case ServiceItem.Endpoint e -> cx.values().endpoint(e.address()).ifPresent(endpoints::add);
        case ServiceItem.Version v -> versionDecls.add(v);
        case ServiceItem.Calls c -> calls.addAll(c.services());
      }
    }
    if (port.value == null) {
      cx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.MISSING_PORT,
                      service.name().span(),
                      "service `" + service.name().text() + "` has no port")
                  .label("callers need a port")
                  .help("add `port 8080 http` inside the service"));
    }
    OptionalInt portNumber =
        port.value == null ? OptionalInt.empty() : cx.values().port(port.value.number());
    Protocol protocol = port.value == null ? Protocol.HTTP : protocol(cx, port.value.protocol());
    OptionalInt outboundPort =
        outbound.value == null ? OptionalInt.empty() : cx.values().port(outbound.value.number());

    TrafficPolicy base = PolicySettings.defaults(service.name().span());
    TrafficPolicy servicePolicy =
        policy.value == null
            ? base
            : settings.apply(base, policy.value.settings(), policy.value.span());

    Map<String, ServiceShape.VersionShape> versions = new LinkedHashMap<>();
    for (ServiceItem.Version v : versionDecls) {
      ServiceShape.VersionShape existing = versions.get(v.name().text());
      if (existing != null) {
        cx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.DUPLICATE_DECLARATION,
                        v.name().span(),
                        "version `"
                            + v.name().text()
                            + "` of `"
                            + service.name().text()
                            + "` is declared twice")
                    .label("declared again here")
                    .secondary(existing.decl().name().span(), "first declared here")
                    .help("give each version its own name"));
        continue;
      }
      versions.put(v.name().text(), version(cx, settings, v, servicePolicy));
    }
    return new ServiceShape(
        service,
        portNumber,
        port.value,
        protocol,
        outboundPort,
        outbound.value,
        endpoints,
        versions,
        servicePolicy,
        calls);
  }

  private ServiceShape.VersionShape version(
      CompileContext cx,
      PolicySettings settings,
      ServiceItem.Version v,
      TrafficPolicy servicePolicy) {
    Once<VersionItem.Labels> labels = new Once<>(cx, "labels");
    Once<ServiceItem.Policy> policy = new Once<>(cx, "policy");
    List<Endpoint> endpoints = new ArrayList<>();
    for (VersionItem item : v.items()) {
      switch (item) {
        case VersionItem.Labels l -> labels.set(l, l.span());
        case ServiceItem.Policy p -> policy.set(p, p.span());
        case ServiceItem.Endpoint e -> cx.values().endpoint(e.address()).ifPresent(endpoints::add);
      }
    }
    TreeMap<String, String> labelMap = new TreeMap<>();
    if (labels.value != null) {
      Map<String, Span> firstKey = new TreeMap<>();
      for (VersionItem.Label label : labels.value.labels()) {
        Span first = firstKey.putIfAbsent(label.key().text(), label.key().span());
        if (first != null) {
          cx.diagnostics()
              .add(
                  Diagnostic.error(
                          Code.DUPLICATE_ENTRY,
                          label.key().span(),
                          "label `" + label.key().text() + "` is given twice")
                      .label("given again here")
                      .secondary(first, "first given here")
                      .help(
                          "a label has one value; keep the one that selects this version's"
                              + " workloads"));
        } else {
          labelMap.put(label.key().text(), label.value().text());
        }
      }
    }
    TrafficPolicy effective =
        policy.value == null
            ? servicePolicy
            : settings.apply(servicePolicy, policy.value.settings(), policy.value.span());
    return new ServiceShape.VersionShape(v, labelMap, endpoints, effective);
  }

  static Protocol protocol(CompileContext cx, Name name) {
    String p = name.text();
    if (PROTOCOLS.contains(p)) {
      return Protocol.valueOf(p.toUpperCase(java.util.Locale.ROOT));
    }
    Diagnostic.Builder d =
        Diagnostic.error(Code.UNKNOWN_PROTOCOL, name.span(), "unknown protocol `" + p + "`")
            .label("not a supported protocol")
            .suggest(dev.rigging.diag.Suggest.nearest(p, PROTOCOLS))
            .help("supported protocols: `http`, `http2`, `grpc`");
    if (List.of("tcp", "tls", "https", "udp", "mongo", "redis", "mysql").contains(p)) {
      d.note(
          "Rigging's proxy routes HTTP only; `"
              + p
              + "` traffic cannot be given routes, faults or authz by path");
    }
    cx.diagnostics().add(d);
    return Protocol.HTTP;
  }

  /** An entry allowed at most once per block; a second one is reported against the first. */
  static final class Once<T> {
    private final CompileContext cx;
    private final String what;
    T value;
    private Span first;

    Once(CompileContext cx, String what) {
      this.cx = cx;
      this.what = what;
    }

    void set(T candidate, Span span) {
      if (value == null) {
        value = candidate;
        first = span;
        return;
      }
      cx.diagnostics()
          .add(
              Diagnostic.error(Code.DUPLICATE_ENTRY, span, "`" + what + "` is given twice")
                  .label("given again here")
                  .secondary(first, "first given here")
                  .help("keep one `" + what + "`"));
    }
  }
}
