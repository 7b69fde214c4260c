package dev.rigging.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.route.ClusterChoice;
import dev.rigging.proxy.route.FaultConfig;
import dev.rigging.proxy.route.MirrorPolicy;
import dev.rigging.proxy.route.Percentage;
import dev.rigging.proxy.route.RouteAction;
import dev.rigging.proxy.route.RouteEngine;
import dev.rigging.proxy.route.RouteRequest;
import dev.rigging.proxy.route.RouteSelection;
import dev.rigging.proxy.route.StringMatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmittedConfigLoadingTest {

  private final ProxyConfigLoader loader = new ProxyConfigLoader();

  static Stream<Path> proxyDirs() {
    return EmittedConfigs.allProxyDirs().stream();
  }

  @ParameterizedTest
  @MethodSource("proxyDirs")
  void everyEmittedBootstrapLoads(Path dir) throws Exception {
    ProxySnapshot snapshot = loader.load(dir.resolve("bootstrap.json"));
    assertEquals(dir.getFileName().toString(), snapshot.nodeId());
    assertFalse(snapshot.listeners().isEmpty());
    assertFalse(snapshot.clusters().isEmpty());
  }

  @ParameterizedTest
  @MethodSource("proxyDirs")
  void xdsFilesGiveTheSameSnapshotAsTheBootstrap(Path dir) throws Exception {
    ProxySnapshot fromBootstrap = loader.load(dir.resolve("bootstrap.json"));
    ProxySnapshot fromXds = loader.loadXds(dir, dir.getFileName().toString());
    assertEquals(fromBootstrap, fromXds);
  }

  @Test
  void callerOutboundRoutesSplitTheCanaryAndInjectFaults() throws Exception {
    ProxySnapshot caller =
        loader.load(EmittedConfigs.proxyDir("callme", "caller").resolve("bootstrap.json"));
    ListenerConfig outbound = caller.listener("outbound").orElseThrow();
    assertEquals(new HostPort("127.0.0.1", 15090), outbound.address());
    ConnectionManagerConfig manager = outbound.filterChains().get(0).connectionManager();
    assertTrue(manager.normalizePath() && manager.mergeSlashes());
    assertEquals(
        ConnectionManagerConfig.EscapedSlashesAction.UNESCAPE_AND_REDIRECT,
        manager.escapedSlashesAction());
    assertEquals(
        List.of("envoy.filters.http.fault", "envoy.filters.http.router"),
        manager.httpFilters().stream().map(HttpFilterConfig::name).toList());
    assertEquals("%ROUTE_NAME%", manager.accessLogJsonFormat().orElseThrow().get("route_name"));

    RouteSelection selection =
        RouteEngine.compile(manager.routes())
            .select(RouteRequest.of("callme:8091", "/callme/hello"))
            .orElseThrow();
    RouteAction.Forward forward =
        assertInstanceOf(RouteAction.Forward.class, selection.route().action());
    assertEquals(
        new ClusterChoice.Weighted(
            List.of(
                new ClusterChoice.WeightedCluster("outbound|callme|v1", 20),
                new ClusterChoice.WeightedCluster("outbound|callme|v2", 80))),
        forward.clusters());
    assertEquals(Optional.empty(), forward.timeout(), "0s disables the timeout");
    assertEquals(
        Optional.of(
            new FaultConfig(
                Optional.of(new FaultConfig.Delay(Duration.ofSeconds(5), new Percentage(100_000))),
                Optional.of(new FaultConfig.Abort(500, new Percentage(100_000))))),
        selection.route().fault());
    assertTrue(selection.route().source().endsWith("callme.mesh:25:3"), selection.route().source());
  }

  @Test
  void inboundChainsRequireMeshClientCertificatesAndEnforceAuthz() throws Exception {
    ProxySnapshot callme =
        loader.load(EmittedConfigs.proxyDir("callme", "callme").resolve("bootstrap.json"));
    ListenerConfig inbound = callme.listener("inbound").orElseThrow();
    assertTrue(inbound.tlsInspector());
    ListenerConfig.FilterChain chain = inbound.filterChains().get(0);
    assertEquals(List.of("v1.callme.demo"), chain.serverNames());
    TlsSettings.Downstream tls = chain.tls().orElseThrow();
    assertTrue(tls.requireClientCertificate());
    assertEquals(List.of(new StringMatch.Prefix("spiffe://demo/")), tls.uriSanMatchers());
    assertEquals("/etc/rigging/certs/callme/cert.pem", tls.certificate().certificateChain());
    ConnectionManagerConfig manager = chain.connectionManager();
    assertEquals(
        ConnectionManagerConfig.ForwardClientCert.SANITIZE_SET, manager.forwardClientCert());
    assertTrue(manager.setCurrentClientCertUri());
    HttpFilterConfig.Rbac allow =
        manager.httpFilters().stream()
            .filter(HttpFilterConfig.Rbac.class::isInstance)
            .map(HttpFilterConfig.Rbac.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(RbacRules.Action.ALLOW, allow.rules().action());
    RbacRules.Policy policy = allow.rules().policies().get("allow-0");
    assertEquals(
        List.of(
            new RbacRules.Principal.OrIds(
                List.of(
                    new RbacRules.Principal.Authenticated(
                        new StringMatch.Exact("spiffe://demo/caller"))))),
        policy.principals());
  }

  @Test
  void outboundClustersUseMutualTlsWithTheCalleesIdentity() throws Exception {
    ProxySnapshot caller =
        loader.load(EmittedConfigs.proxyDir("callme", "caller").resolve("bootstrap.json"));
    ClusterConfig v1 = caller.cluster("outbound|callme|v1").orElseThrow();
    assertEquals(ClusterConfig.Discovery.STATIC, v1.discovery());
    assertEquals(List.of(new HostPort("127.0.0.1", 8091)), v1.endpoints());
    assertEquals(Duration.ofSeconds(1), v1.connectTimeout());
    assertEquals(ClusterConfig.UpstreamProtocol.HTTP1, v1.protocol());
    TlsSettings.Upstream tls = v1.tls().orElseThrow();
    assertEquals(Optional.of("v1.callme.demo"), tls.sni());
    assertEquals(List.of(new StringMatch.Exact("spiffe://demo/callme")), tls.uriSanMatchers());
    assertEquals(Optional.of("/etc/rigging/certs/caller/ca.pem"), tls.trustedCa());
    assertEquals(Optional.empty(), v1.outlierDetection());
    assertEquals(ClusterConfig.Thresholds.ENVOY_DEFAULTS, v1.thresholds());
  }

  @Test
  void circuitBreakingLimitsConnectionsPendingRequestsAndRequestsPerConnection() throws Exception {
    ProxySnapshot gateway =
        loader.load(
            EmittedConfigs.proxyDir("bookinfo/circuit-breaking", "bookinfo-gateway")
                .resolve("bootstrap.json"));
    ClusterConfig productpage = gateway.cluster("outbound|productpage").orElseThrow();
    assertEquals(new ClusterConfig.Thresholds(1, 1, 1024, 3), productpage.thresholds());
    assertEquals(Optional.of(1), productpage.maxRequestsPerConnection());
  }

  @Test
  void mirroringSendsEveryReviewsRequestToV2() throws Exception {
    ProxySnapshot productpage =
        loader.load(
            EmittedConfigs.proxyDir("bookinfo/mirroring", "productpage").resolve("bootstrap.json"));
    var routes =
        productpage
            .listener("outbound")
            .orElseThrow()
            .filterChains()
            .get(0)
            .connectionManager()
            .routes();
    RouteAction.Forward forward =
        assertInstanceOf(
            RouteAction.Forward.class,
            RouteEngine.compile(routes)
                .select(RouteRequest.of("reviews:9082", "/reviews/0"))
                .orElseThrow()
                .route()
                .action());
    assertEquals(new ClusterChoice.Single("outbound|reviews|v1"), forward.clusters());
    assertEquals(
        List.of(new MirrorPolicy("outbound|reviews|v2", Percentage.ALWAYS)), forward.mirrors());
  }

  @Test
  void requestTimeoutsCapReviewsCallsAtHalfASecond() throws Exception {
    ProxySnapshot productpage =
        loader.load(
            EmittedConfigs.proxyDir("bookinfo/request-timeouts", "productpage")
                .resolve("bootstrap.json"));
    var routes =
        productpage
            .listener("outbound")
            .orElseThrow()
            .filterChains()
            .get(0)
            .connectionManager()
            .routes();
    RouteAction.Forward forward =
        assertInstanceOf(
            RouteAction.Forward.class,
            RouteEngine.compile(routes)
                .select(RouteRequest.of("reviews", "/reviews/0"))
                .orElseThrow()
                .route()
                .action());
    assertEquals(Optional.of(Duration.ofMillis(500)), forward.timeout());
  }
}
