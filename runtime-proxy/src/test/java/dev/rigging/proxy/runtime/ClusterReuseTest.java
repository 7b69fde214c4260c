package dev.rigging.proxy.runtime;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.proxy.config.ConfigLoadException;
import dev.rigging.proxy.net.ProxyStats;
import dev.rigging.proxy.tls.DevCa;
import dev.rigging.proxy.tls.LeafCertificate;
import dev.rigging.proxy.tls.TlsEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload reuses a cluster whose configuration is unchanged, pools and all, but not when its
 * certificate files now hold something else: a renewed certificate under the same file names must
 * be taken into use by the next reload, before the old one expires.
 */
class ClusterReuseTest {
  @TempDir Path dir;

  @Test
  void sameConfigurationAndFiles_reuseTheCluster_aRenewedCertificateDoesNot() throws Exception {
    DevCa ca = DevCa.create("demo", dir.resolve("certs"));
    LeafCertificate leaf = ca.ensureLeaf("caller");
    Path config = bootstrap(leaf);
    RuntimeBuilder builder = new RuntimeBuilder(new RuntimeStats(new ProxyStats()), TlsEngine.JDK);

    ClusterRuntime first = build(builder, config);
    assertTrue(first.tls().isPresent());
    assertSame(first, build(builder, config), "nothing changed: the same pools and state");

    byte[] before = Files.readAllBytes(leaf.certFile());
    ca.issueLeaf("caller"); // renewed: new key and certificate, same file names
    assertTrue(!java.util.Arrays.equals(before, Files.readAllBytes(leaf.certFile())));
    ClusterRuntime renewed = build(builder, config);
    assertNotSame(first, renewed, "a renewed certificate needs a new TLS context");
    assertNotSame(first.tls().get(), renewed.tls().get());
    assertSame(renewed, build(builder, config), "and that one is reused in turn");
  }

  private static ClusterRuntime build(RuntimeBuilder builder, Path config)
      throws IOException, ConfigLoadException, RuntimeBuilder.RuntimeBuildException {
    var loaded = new ConfigSource(config).load();
    return builder
        .build(loaded.snapshot(), loaded.hash(), loaded.version(), "test")
        .clusters()
        .get("outbound|callme");
  }

  /** A bootstrap with one mTLS cluster, as the compiler emits it for a caller of callme. */
  private Path bootstrap(LeafCertificate leaf) throws IOException {
    String json =
        """
        {"node":{"id":"caller","cluster":"caller"},
         "static_resources":{"clusters":[{"name":"outbound|callme","type":"STATIC",
           "connect_timeout":"1s","load_assignment":{"cluster_name":"outbound|callme",
           "endpoints":[{"lb_endpoints":[{"endpoint":{"address":{"socket_address":{
             "address":"127.0.0.1","port_value":8091}}}}]}]},
           "transport_socket":{"name":"envoy.transport_sockets.tls","typed_config":{
             "@type":"type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
             "common_tls_context":{
               "tls_certificates":[{"certificate_chain":{"filename":"%s"},
                 "private_key":{"filename":"%s"}}],
               "validation_context":{"trusted_ca":{"filename":"%s"},
                 "match_typed_subject_alt_names":[{"san_type":"URI",
                   "matcher":{"exact":"spiffe://demo/callme"}}]},
               "alpn_protocols":["http/1.1"]},
             "sni":"callme.demo"}}}]}}
        """
            .formatted(leaf.certFile(), leaf.keyFile(), leaf.caFile());
    Path file = dir.resolve("bootstrap.json");
    Files.writeString(file, json);
    return file;
  }
}
