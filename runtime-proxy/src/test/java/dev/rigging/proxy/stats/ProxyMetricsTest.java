package dev.rigging.proxy.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.cluster.CircuitBreakers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;

class ProxyMetricsTest {

  /** A short day of the callme canary, recorded out of order to show the sorted output. */
  @Test
  void prometheusText_golden() {
    ProxyMetrics metrics = new ProxyMetrics();
    ClusterStats v2 = metrics.cluster("outbound|callme|v2");
    ClusterStats v1 = metrics.cluster("outbound|callme|v1");
    ListenerStats outbound = metrics.listener("outbound_callme");
    ListenerStats inbound = metrics.listener("inbound_callme_v1");
    for (int i = 0; i < 3; i++) {
      v1.upstreamResponse(200);
      outbound.downstreamResponse(200);
    }
    v2.upstreamResponse(503);
    v2.upstreamResponse(200);
    v2.retry();
    v2.overflow(CircuitBreakers.Resource.PENDING_REQUESTS);
    v2.ejection();
    v2.ejectionsActive(1);
    outbound.downstreamResponse(503);
    outbound.faultAbort(500);
    outbound.downstreamResponse(500);
    outbound.faultDelay();
    inbound.rbac(true, "rigging.authz.allow");
    inbound.rbac(false, "rigging.authz.deny");
    inbound.downstreamResponse(403);
    outbound.downstreamResponse(0);
    // Label values are escaped: backslash, double quote and newline.
    metrics.listener("odd \"name\"\\with\nnewline").downstreamResponse(204);
    Approvals.verify(metrics.render());
  }

  @Test
  void familiesAppearWithTheirFirstLabelSet_andHandlesBindEveryCodeClassAtOnce() {
    ProxyMetrics metrics = new ProxyMetrics();
    assertEquals("", metrics.render(), "Prometheus lists no family without samples");
    metrics.listener("l");
    String text = metrics.render();
    assertTrue(
        text.contains("rigging_downstream_rq_total{code_class=\"5xx\",listener=\"l\"} 0"), text);
    assertTrue(
        text.contains("rigging_fault_aborts_total{code_class=\"5xx\",listener=\"l\"} 0"), text);
  }

  @Test
  void codeClasses() {
    assertEquals("1xx", ProxyMetrics.codeClass(101));
    assertEquals("2xx", ProxyMetrics.codeClass(200));
    assertEquals("5xx", ProxyMetrics.codeClass(599));
    assertEquals("none", ProxyMetrics.codeClass(0));
    assertEquals("none", ProxyMetrics.codeClass(600));
    assertThrows(
        IllegalArgumentException.class, () -> new ProxyMetrics().cluster("c").upstreamResponse(0));
  }

  @Test
  void handlesAreSharedAndSurviveReloads() {
    ProxyMetrics metrics = new ProxyMetrics();
    assertSame(metrics.listener("l"), metrics.listener("l"));
    metrics.listener("l").downstreamResponse(200);
    metrics.listener("l").downstreamResponse(201);
    assertTrue(
        metrics
            .render()
            .contains("rigging_downstream_rq_total{code_class=\"2xx\",listener=\"l\"} 2"),
        metrics.render());
  }

  @Test
  void concurrentIncrementsAreAllCounted() throws Exception {
    ProxyMetrics metrics = new ProxyMetrics();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 25_000; i++) {
                    metrics.cluster("c").upstreamResponse(200 + (i % 2));
                    metrics.listener("l").rbac(true, "allow");
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    String text = metrics.render();
    assertTrue(text.contains("rigging_upstream_rq_total{cluster=\"c\",code=\"200\"} 50000"), text);
    assertTrue(text.contains("rigging_upstream_rq_total{cluster=\"c\",code=\"201\"} 50000"), text);
    assertTrue(
        text.contains("rigging_rbac_allowed_total{filter=\"allow\",listener=\"l\"} 100000"), text);
  }
}
