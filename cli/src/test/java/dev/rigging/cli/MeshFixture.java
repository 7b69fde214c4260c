package dev.rigging.cli;

import dev.rigging.agent.Agent;
import dev.rigging.agent.AgentSettings;
import dev.rigging.agent.AgentStatus;
import dev.rigging.agent.HealthGate;
import dev.rigging.agent.ProxyTarget;
import dev.rigging.cli.up.SampleBackends;
import dev.rigging.compiler.Compiler;
import dev.rigging.gitops.SignatureVerifier;
import dev.rigging.proxy.tls.DevCa;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * A small real mesh on loopback for agent tests: a caller and a two-version callme on free ports, a
 * development CA, sample backends, an output repository, and agents driving real `rig proxy`
 * processes.
 */
final class MeshFixture implements AutoCloseable {
  final Path root;
  final Path gitops;
  final Path policyDir;
  final int outbound;
  final int callerPort;
  final int callmePort;
  final int callerApp;
  final int v1;
  final int v2;
  final int adminCaller;
  final int adminCallme;
  final int agentPort;
  private final SampleBackends backends;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Agent> agents = new ArrayList<>();

  MeshFixture(Path root) throws IOException {
    this(root, true);
  }

  /** Without the sample backends when {@code backends} is false (rig up starts its own). */
  MeshFixture(Path root, boolean backends) throws IOException {
    this.root = root;
    this.gitops = root.resolve("gitops.git");
    this.policyDir = root.resolve("policy");
    int[] ports = freePorts(9);
    outbound = ports[0];
    callerPort = ports[1];
    callmePort = ports[2];
    callerApp = ports[3];
    v1 = ports[4];
    v2 = ports[5];
    adminCaller = ports[6];
    adminCallme = ports[7];
    agentPort = ports[8];
    Files.createDirectories(policyDir);
    writePolicy("split v1 50%, v2 50%");
    DevCa ca = DevCa.openOrCreate("demo", root.resolve("certs"));
    ca.ensureLeaf("caller");
    ca.ensureLeaf("callme");
    this.backends =
        backends
            ? SampleBackends.start(new Compiler().compile(List.of(policyDir)).mesh().orElseThrow())
            : null;
  }

  /** Writes the policy with {@code action} as callme's route action. */
  void writePolicy(String action) throws IOException {
    Files.writeString(
        policyDir.resolve("mesh.mesh"),
        """
        mesh demo
        service caller {
          port %d http
          outbound %d
          calls callme
          endpoint 127.0.0.1:%d
        }
        service callme {
          port %d http
          version v1 { labels { version: "v1" } endpoint 127.0.0.1:%d }
          version v2 { labels { version: "v2" } endpoint 127.0.0.1:%d }
        }
        route callme {
          match path prefix "/callme" { %s }
        }
        authz callme {
          default deny
          allow from caller to GET "/callme", "/callme/*"
        }
        """
            .formatted(callerPort, outbound, callerApp, callmePort, v1, v2, action));
  }

  /** Compiles the policy and commits it; returns the new tip. */
  String commit(String action, String... extra) throws Exception {
    writePolicy(action);
    List<Object> args =
        new ArrayList<>(
            List.of(
                "compile",
                policyDir,
                "--commit",
                "--repo",
                gitops,
                "--source-rev",
                action,
                "--config-dir",
                configRoot() + "/{proxy}",
                "--cert-dir",
                root.resolve("certs") + "/{proxy}"));
    args.addAll(List.of(extra));
    var run = RigRunner.rig(args.toArray());
    if (run.exitCode() != 0) {
      throw new AssertionError("compile failed: " + run.err());
    }
    return tip();
  }

  String tip() throws IOException {
    try (Git git = Git.open(gitops.toFile())) {
      return git.getRepository().resolve("refs/heads/main").name();
    }
  }

  Path configRoot() {
    return root.resolve("state/current");
  }

  AgentSettings settings(Duration poll, HealthGate gate, Optional<SignatureVerifier> verifier) {
    return new AgentSettings(
        gitops.toString(),
        "main",
        "",
        List.of(
            new ProxyTarget("caller", new InetSocketAddress("127.0.0.1", adminCaller)),
            new ProxyTarget("callme", new InetSocketAddress("127.0.0.1", adminCallme))),
        root.resolve("state"),
        configRoot(),
        poll,
        new InetSocketAddress("127.0.0.1", agentPort),
        gate,
        verifier,
        Optional.empty(),
        new JvmProxyLauncher(),
        CredentialsProvider.getDefault());
  }

  Agent start(AgentSettings settings) throws IOException {
    Agent agent = Agent.start(settings);
    agents.add(agent);
    return agent;
  }

  /** Waits (bounded) until the agent's status satisfies {@code condition}. */
  static AgentStatus await(Agent agent, Predicate<AgentStatus> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      AgentStatus status = agent.status();
      if (condition.test(status)) {
        return status;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out; last status: " + agent.status());
  }

  /** Sends one request as the caller application does; returns status and backend. */
  HttpResponse<String> call() throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + outbound + "/callme"))
            .header("Host", "callme")
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends requests until a few in a row succeed quickly: the first ones through a cold pair of
   * proxies pay for JIT compilation and TLS handshakes, which on a loaded machine takes seconds.
   */
  void warmUp() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    int fast = 0;
    while (fast < 5 && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      try {
        boolean ok = call().statusCode() == 200;
        fast = ok && System.nanoTime() - start < 500_000_000L ? fast + 1 : 0;
      } catch (IOException e) {
        fast = 0;
      }
    }
  }

  String backend() throws IOException, InterruptedException {
    HttpResponse<String> response = call();
    return response.statusCode()
        + " "
        + response.headers().firstValue(SampleBackends.HEADER).orElse("-");
  }

  HttpResponse<String> agentHttp(String method, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agentPort + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * {@code n} distinct free loopback ports, all held until every one is found; ports 6 and 7 (the
   * two admin ports) are consecutive, because {@code rig up --admin-base-port} gives the second
   * proxy the port after the first one's.
   */
  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> sockets = new ArrayList<>();
    var loopback = java.net.InetAddress.getLoopbackAddress();
    try {
      for (int i = 0; i < n; i++) {
        if (i == 7) {
          ports[i] = ports[6] + 1; // reserved with port 6
          continue;
        }
        ServerSocket socket = new ServerSocket(0, 1, loopback);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
        // Bounded: a free port whose successor is taken is rare; try another.
        for (int attempt = 0; i == 6 && attempt < 100; attempt++) {
          try {
            sockets.add(new ServerSocket(ports[i] + 1, 1, loopback));
            break;
          } catch (IOException taken) {
            socket = new ServerSocket(0, 1, loopback);
            sockets.add(socket);
            ports[i] = socket.getLocalPort();
          }
        }
      }
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
    return ports;
  }

  @Override
  public void close() {
    agents.forEach(Agent::close);
    if (backends != null) {
      backends.close();
    }
  }
}
