package dev.rigging.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import dev.rigging.cli.Rig;
import dev.rigging.proxy.net.ProxyLimits;
import dev.rigging.proxy.runtime.ConfigSource;
import dev.rigging.proxy.runtime.ProxyRuntime;
import dev.rigging.proxy.tls.DevCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A policy compiled by {@code rig compile} (the real command), development certificates issued by
 * {@link DevCa} for every proxy, and the proxies started on demand, each with its access log kept
 * in memory.
 */
final class Deployment implements AutoCloseable {
  private final Path out;
  private final Path certs;
  private final String mesh;
  private final Map<String, ProxyRuntime> running = new LinkedHashMap<>();
  private final Map<String, ByteArrayOutputStream> logs = new LinkedHashMap<>();

  private Deployment(Path out, Path certs, String mesh) {
    this.out = out;
    this.certs = certs;
    this.mesh = mesh;
  }

  /**
   * Compiles {@code policy} into {@code work/<name>}; each proxy reads its files from {@code
   * configDirTemplate} ({@code {proxy}} stands for its name) and its certificates from {@code
   * work/certs/<proxy>}, issued now (an existing CA there is reused).
   */
  static Deployment compile(Path policy, Path work, String name, String configDirTemplate)
      throws IOException {
    Path out = work.resolve(name);
    Path certs = work.resolve("certs");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code =
        Rig.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true))
            .execute(
                "compile",
                policy.toString(),
                "--out",
                out.toString(),
                "--config-dir",
                configDirTemplate,
                "--cert-dir",
                certs.resolve("{proxy}").toString());
    assertEquals(0, code, "rig compile failed: " + stderr);
    String mesh =
        JsonParser.parseString(Files.readString(out.resolve("manifest.json")))
            .getAsJsonObject()
            .get("mesh")
            .getAsString();
    DevCa ca =
        Files.exists(certs.resolve(DevCa.CA_FILE)) ? DevCa.load(certs) : DevCa.create(mesh, certs);
    try (Stream<Path> proxies = Files.list(out.resolve("envoy"))) {
      for (Path proxy : proxies.toList()) {
        ca.ensureLeaf(proxy.getFileName().toString());
      }
    }
    return new Deployment(out, certs, mesh);
  }

  /** Compiles {@code policy} with each proxy reading its files where they were written. */
  static Deployment compile(Path policy, Path work) throws IOException {
    return compile(policy, work, "out", work.resolve("out/envoy/{proxy}").toString());
  }

  /** The directory rig wrote proxy {@code proxy}'s files to. */
  Path configDir(String proxy) {
    return out.resolve("envoy").resolve(proxy);
  }

  /** The certificate directory of {@code identity} (issued on first use). */
  Path certDir(String identity) throws IOException {
    return DevCa.load(certs).ensureLeaf(identity).certFile().getParent();
  }

  String mesh() {
    return mesh;
  }

  /** Starts proxy {@code proxy} on the files rig wrote for it. */
  ProxyRuntime start(String proxy) throws ProxyRuntime.StartException {
    return start(proxy, configDir(proxy));
  }

  /** Starts proxy {@code proxy} on the configuration at {@code config}. */
  ProxyRuntime start(String proxy, Path config) throws ProxyRuntime.StartException {
    return start(proxy, config, ProxyLimits.DEFAULTS);
  }

  /** Starts proxy {@code proxy} on the configuration at {@code config} with {@code limits}. */
  ProxyRuntime start(String proxy, Path config, ProxyLimits limits)
      throws ProxyRuntime.StartException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ProxyRuntime runtime =
        ProxyRuntime.start(
            new ConfigSource(config),
            new ProxyRuntime.Options(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2, log, limits));
    running.put(proxy, runtime);
    logs.put(proxy, log);
    return runtime;
  }

  /** The access-log lines proxy {@code proxy} has written so far. */
  List<String> accessLog(String proxy) {
    ByteArrayOutputStream log = logs.get(proxy);
    List<String> lines = new ArrayList<>();
    synchronized (log) {
      for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  @Override
  public void close() {
    running.values().forEach(ProxyRuntime::close);
    running.clear();
  }
}
