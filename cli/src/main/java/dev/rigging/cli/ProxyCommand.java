package dev.rigging.cli;

import dev.rigging.proxy.net.ProxyLimits;
import dev.rigging.proxy.net.Transport;
import dev.rigging.proxy.runtime.ConfigSource;
import dev.rigging.proxy.runtime.ProxyRuntime;
import dev.rigging.proxy.tls.TlsEngine;
import io.netty.util.ResourceLeakDetector;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rig proxy}: run the bundled proxy on a compiled configuration until stopped. */
@Command(
    name = "proxy",
    header = "Run the bundled proxy on compiled Envoy configuration.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Runs Rigging's own data plane on the configuration `rig compile` wrote for one proxy: "
          + "its listeners (mutual TLS with SPIFFE identities on sidecar inbound listeners), "
          + "routes, splits, retries, timeouts, mirrors, fault injection, RBAC, circuit breakers "
          + "and outlier detection, as Envoy would run them. Configuration the proxy cannot honour "
          + "is refused at start, naming the field.",
      "",
      "Prints one line on stderr once serving; access-log lines (one JSON object per request) "
          + "go to stdout unless --access-log says otherwise. Runs until SIGINT or SIGTERM. "
          + "The admin listener answers GET /ready, GET /stats (Prometheus text), "
          + "GET /config_dump and POST /reload (re-reads --config, which may be a symlink).",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig compile policies/callme --out out --config-dir \"$PWD/out/envoy/{proxy}\"",
      "  rig proxy --config out/envoy/caller",
      "  rig proxy --config out/envoy/caller/bootstrap.json --admin 127.0.0.1:15001",
      "",
      "Exit codes:",
      "  130/143  stopped cleanly by SIGINT/SIGTERM (the JVM's status for the signal)",
      "  2  bad usage, or a configuration that cannot be loaded or bound"
    })
final class ProxyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "PATH",
      description =
          "A proxy's bootstrap.json, or its directory of listeners/clusters/routes.json (as `rig"
              + " compile` writes under envoy/<proxy>/). Example: --config out/envoy/caller")
  Path config;

  @Option(
      names = "--admin",
      paramLabel = "HOST:PORT",
      description =
          "Where the admin listener binds (default: the bootstrap's admin.address, else"
              + " 127.0.0.1:15000; port 0 picks one). Example: --admin 127.0.0.1:15001")
  String admin;

  @Option(
      names = "--access-log",
      paramLabel = "FILE|-",
      defaultValue = "-",
      description =
          "Where access-log lines go: a file (appended to) or - for stdout (default: -). Example:"
              + " --access-log /var/log/rigging/access.log")
  String accessLog;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Event-loop threads serving traffic (default: the number of CPUs). Example: --workers 2")
  Integer workers;

  @Option(
      names = "--transport",
      paramLabel = "epoll|nio",
      description =
          "How the event loops reach the sockets (default: epoll where Netty's native library"
              + " loads, else nio). Example: --transport nio")
  String transport;

  @Option(
      names = "--tls-engine",
      paramLabel = "openssl|jdk",
      description =
          "Which TLS implementation encrypts connections (default: openssl, the BoringSSL"
              + " bundled with Netty, where it loads; else jdk). Example: --tls-engine jdk")
  String tlsEngine;

  @Override
  public Integer call() throws IOException, InterruptedException {
    // Netty tracks one buffer in 128 for leaks, taking a stack trace for each: worth it in tests,
    // a steady cost on a sidecar's data path. -Dio.netty.leakDetection.level=simple brings it back.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    PrintWriter err = spec.commandLine().getErr();
    ConfigSource source = new ConfigSource(config);
    InetSocketAddress adminAddress;
    try {
      adminAddress =
          admin != null
              ? hostPort(admin, "--admin")
              : source.adminAddress().orElse(new InetSocketAddress("127.0.0.1", 15000));
    } catch (IOException e) {
      throw new CliFailure("cannot read `" + config + "`: " + CliFailure.describe(e), e);
    }
    int threads = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    if (threads <= 0) {
      throw new ParameterException(spec.commandLine(), "--workers must be at least 1");
    }
    Transport io;
    TlsEngine tls;
    try {
      io = transport == null ? Transport.preferred() : Transport.named(transport);
      tls = tlsEngine == null ? TlsEngine.preferred() : TlsEngine.named(tlsEngine);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    OutputStream log = accessLog.equals("-") ? System.out : openLog(Path.of(accessLog));
    ProxyRuntime runtime;
    try {
      runtime =
          ProxyRuntime.start(
              source,
              new ProxyRuntime.Options(adminAddress, threads, log, ProxyLimits.DEFAULTS, io, tls));
    } catch (ProxyRuntime.StartException e) {
      if (log != System.out) {
        log.close();
      }
      throw new CliFailure(e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              runtime.close();
              stopped.countDown();
            },
            "rig-proxy-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println(servingLine(runtime));
    err.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private static String servingLine(ProxyRuntime runtime) {
    StringJoiner listeners = new StringJoiner(", ");
    runtime
        .listenerAddresses()
        .forEach((name, address) -> listeners.add(name + " " + format(address)));
    return "rig proxy: serving "
        + listeners
        + "; admin "
        + format(runtime.adminAddress())
        + " ("
        + runtime.transport()
        + ", TLS by "
        + runtime.tlsEngine()
        + "; Ctrl-C stops)";
  }

  private static String format(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  private OutputStream openLog(Path file) {
    try {
      return new FileOutputStream(file.toFile(), true);
    } catch (IOException e) {
      throw new CliFailure("cannot open access log `" + file + "`: " + e.getMessage(), e);
    }
  }

  private InetSocketAddress hostPort(String value, String option) {
    try {
      return HostPorts.parse(value, option);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
