package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every {@code rigging} sidecar rig renders runs a command line the real {@code rig} accepts, on
 * the paths and ports its pod actually has: the args are parsed by rig's own picocli model, then
 * compared with the volumes, container ports, probes and the Envoy configuration the proxy loads.
 */
class RiggingSidecarCommandLinesTest {
  private static final Path CALLME = Path.of("../policies/callme");
  private static final Path BOOKINFO = Path.of("../policies/bookinfo/mesh");
  private static final String REPO = "https://git.example/mesh/out.git";

  @TempDir Path tmp;

  @Test
  void configMapMode_proxyArgsParse_andMatchMountsPortsProbesAndConfig() throws IOException {
    for (Path mesh : List.of(CALLME, BOOKINFO)) {
      Path out = compile(mesh, "--sidecar", "rigging");
      String yaml = Files.readString(onlyStream(out));
      List<JsonNode> docs = KubernetesValidation.readAll(yaml);
      Map<String, JsonNode> configMaps = byName(docs, "ConfigMap");
      int checked = 0;
      int configFiles = 0;
      for (JsonNode deployment : byName(docs, "Deployment").values()) {
        JsonNode pod = deployment.path("spec").path("template");
        assertTrue(
            pod.path("metadata").path("annotations").path("rigging.dev/config-hash").isTextual(),
            "config hash rolls the pods: " + deployment.path("metadata"));
        JsonNode container = container(pod, "rigging-proxy");
        ParseResult proxy = parse(container, "proxy");
        String configDir = value(proxy, "--config");
        JsonNode configVolume = mountedVolume(pod, container, configDir);
        JsonNode configMap = configMaps.get(configVolume.path("configMap").path("name").asText());
        assertNotNull(configMap, "the mounted ConfigMap exists: " + configVolume);
        Function<String, String> files = f -> configMap.path("data").path(f).asText(null);

        String admin = value(proxy, "--admin");
        assertEquals("0.0.0.0", admin.substring(0, admin.lastIndexOf(':')), "kubelet probes");
        int adminPort = Integer.parseInt(admin.substring(admin.lastIndexOf(':') + 1));
        assertEquals(adminPort, containerPort(container, "rig-admin"));
        assertProbes(container, adminPort, "/ready", "/ready");
        configFiles += assertConfigAgrees(files, configDir, pod, container);
        checked++;
      }
      assertTrue(checked > 0, "no rigging-proxy container in " + mesh);
      assertTrue(mesh == CALLME || configFiles > 0, "bookinfo's proxies load routes.json");
      assertFalse(yaml.contains("rigging-agent"), "ConfigMap mode runs no agent");
    }
  }

  @Test
  void gitOpsMode_agentArgsParse_andMatchMountsPortsProbesAndCommittedConfig() throws IOException {
    for (Path mesh : List.of(CALLME, BOOKINFO)) {
      Path out =
          compile(
              mesh,
              "--sidecar",
              "rigging-gitops",
              "--gitops-repo",
              REPO,
              "--gitops-branch",
              "prod",
              "--gitops-path",
              "meshes/m");
      String yaml = Files.readString(onlyStream(out));
      List<JsonNode> docs = KubernetesValidation.readAll(yaml);
      assertTrue(byName(docs, "ConfigMap").isEmpty(), "the agent fetches config from Git");
      int checked = 0;
      int configFiles = 0;
      for (JsonNode deployment : byName(docs, "Deployment").values()) {
        JsonNode pod = deployment.path("spec").path("template");
        assertTrue(
            pod.path("metadata")
                .path("annotations")
                .path("rigging.dev/config-hash")
                .isMissingNode(),
            "a hash would restart pods the agent hot-reloads");
        JsonNode container = container(pod, "rigging-agent");
        ParseResult agent = parse(container, "agent");
        assertEquals(REPO, value(agent, "--repo"));
        assertEquals("prod", value(agent, "--branch"));
        List<String> proxies = agent.matchedOptionValue("--proxy", List.of());
        assertEquals(1, proxies.size(), proxies.toString());
        String proxy = proxies.get(0).substring(0, proxies.get(0).indexOf('='));
        assertEquals(
            proxy,
            pod.path("metadata").path("annotations").path("rigging.dev/proxy").asText(),
            "the agent runs the pod's proxy");
        assertTrue(proxies.get(0).endsWith("=127.0.0.1:15000"), "admin stays on loopback");
        String configRoot = value(agent, "--config-root");
        String stateDir = value(agent, "--state-dir");
        assertTrue(mountedVolume(pod, container, configRoot).has("emptyDir"), configRoot);
        assertTrue(mountedVolume(pod, container, stateDir).has("emptyDir"), stateDir);
        String listen = value(agent, "--listen");
        assertTrue(listen.startsWith("0.0.0.0:"), "kubelet probes the pod IP: " + listen);
        int agentPort = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        assertEquals(agentPort, containerPort(container, "rig-agent"));
        assertProbes(container, agentPort, "/status", "/ready");

        // What the agent will find in the branch, under --commit-path meshes/m.
        String repoPath = value(agent, "--repo-path");
        assertTrue(repoPath.startsWith("meshes/m/"), repoPath);
        Path dir = out.resolve(repoPath.substring("meshes/m/".length())).resolve("envoy/" + proxy);
        assertTrue(Files.isRegularFile(dir.resolve("bootstrap.json")), dir.toString());
        Function<String, String> files =
            f -> {
              try {
                Path file = dir.resolve(f);
                return Files.exists(file) ? Files.readString(file) : null;
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            };
        configFiles += assertConfigAgrees(files, configRoot + "/" + proxy, pod, container);
        checked++;
      }
      assertTrue(checked > 0, "no rigging-agent container in " + mesh);
      assertTrue(mesh == CALLME || configFiles > 0, "bookinfo's proxies load routes.json");
    }
  }

  @Test
  void inject_usesTheSameCommandLines_inBothModes() throws IOException {
    Path file = Path.of("src/test/resources/inject/unversioned.yaml");
    var proxyRun =
        rig("inject", "-f", file, "--mesh", policy("callme.mesh"), "--sidecar", "rigging");
    assertEquals(ExitCodes.OK, proxyRun.exitCode(), proxyRun.err());
    JsonNode pod = deployment(proxyRun.out()).path("spec").path("template");
    ParseResult proxy = parse(container(pod, "rigging-proxy"), "proxy");
    mountedVolume(pod, container(pod, "rigging-proxy"), value(proxy, "--config"));

    var agentRun =
        rig(
            "inject",
            "-f",
            file,
            "--mesh",
            policy("callme.mesh"),
            "--sidecar",
            "rigging-gitops",
            "--gitops-repo",
            REPO);
    assertEquals(ExitCodes.OK, agentRun.exitCode(), agentRun.err());
    assertFalse(agentRun.out().contains("kind: ConfigMap"), "no ConfigMap in GitOps mode");
    pod = deployment(agentRun.out()).path("spec").path("template");
    ParseResult agent = parse(container(pod, "rigging-agent"), "agent");
    assertEquals("main", value(agent, "--branch"));
    assertTrue(
        mountedVolume(pod, container(pod, "rigging-agent"), value(agent, "--config-root"))
            .has("emptyDir"));
  }

  @Test
  void defaultImage_isTheOneDistDockerfileBuilds_runningRigAsItsEntrypoint() throws IOException {
    String image = KubernetesFlags.defaultRigImage();
    String dockerfile = Files.readString(Path.of("../dist/Dockerfile"));
    assertTrue(dockerfile.contains("docker build -f dist/Dockerfile -t " + image + " ."), image);
    String entrypoint =
        dockerfile.lines().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElse("");
    assertTrue(
        entrypoint.startsWith("ENTRYPOINT [\"java\"")
            && entrypoint.endsWith("\"-jar\", \"/opt/rig/rig.jar\"]"),
        "args are rig's arguments: " + entrypoint);
    assertTrue(dockerfile.contains("\nUSER 10001:10001\n"), "non-root");
    String yaml = Files.readString(onlyStream(compile(CALLME, "--sidecar", "rigging")));
    assertTrue(yaml.contains("image: \"" + image + "\""), yaml);
  }

  @Test
  void gitOpsOptions_withoutGitOpsSidecar_orWithoutRepo_areUsageErrors() {
    var noRepo =
        rig(
            "compile",
            CALLME,
            "--out",
            tmp.resolve("a"),
            "--kubernetes",
            "--sidecar",
            "rigging-gitops");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, noRepo.exitCode());
    assertTrue(noRepo.err().contains("needs --gitops-repo"), noRepo.err());
    var stray =
        rig("compile", CALLME, "--out", tmp.resolve("b"), "--kubernetes", "--gitops-repo", REPO);
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, stray.exitCode());
    assertTrue(stray.err().contains("need --sidecar rigging-gitops"), stray.err());
    var unknown =
        rig("compile", CALLME, "--out", tmp.resolve("c"), "--kubernetes", "--sidecar", "istio");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, unknown.exitCode());
    assertTrue(unknown.err().contains("expected envoy, rigging or rigging-gitops"), unknown.err());
  }

  /**
   * The proxy's inbound (or gateway) listener is the container's mesh port, bound on every
   * interface; every file the config names lies in the config directory or the mounted certs.
   */
  private static int assertConfigAgrees(
      Function<String, String> files, String configDir, JsonNode pod, JsonNode container)
      throws IOException {
    for (String name : List.of("bootstrap.json", "listeners.json", "clusters.json")) {
      assertNotNull(files.apply(name), name + " in " + configDir);
    }
    JsonNode listeners = Json.MAPPER.readTree(files.apply("listeners.json"));
    List<Integer> served = new ArrayList<>();
    for (JsonNode listener : listeners.path("resources")) {
      JsonNode address = listener.path("address").path("socket_address");
      if (address.path("address").asText().equals("0.0.0.0")) {
        served.add(address.path("port_value").asInt());
      }
    }
    JsonNode meshPort = container.path("ports").get(0);
    assertEquals(List.of(meshPort.path("containerPort").asInt()), served, "mesh port");

    String certDir = null;
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("name").asText().equals("rigging-certs")) {
        certDir = mount.path("mountPath").asText();
      }
    }
    assertNotNull(certDir);
    int certs = 0;
    int configFiles = 0;
    for (String name : List.of("bootstrap.json", "listeners.json", "clusters.json")) {
      for (String path : filePaths(Json.MAPPER.readTree(files.apply(name)))) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        boolean cert = path.endsWith(".pem");
        assertEquals(cert ? certDir : configDir, dir, path + " in " + name);
        certs += cert ? 1 : 0;
        configFiles += cert ? 0 : 1;
      }
    }
    assertTrue(certs > 0, "the config names its certificates");
    return configFiles;
  }

  private static List<String> filePaths(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      String s = node.asText();
      if (s.startsWith("/") && (s.endsWith(".json") || s.endsWith(".pem"))) {
        out.add(s);
      }
    }
    node.forEach(child -> out.addAll(filePaths(child)));
    return out;
  }

  private static void assertProbes(JsonNode container, int port, String live, String ready) {
    assertEquals(port, container.path("readinessProbe").path("httpGet").path("port").asInt());
    assertEquals(ready, container.path("readinessProbe").path("httpGet").path("path").asText());
    assertEquals(port, container.path("livenessProbe").path("httpGet").path("port").asInt());
    assertEquals(live, container.path("livenessProbe").path("httpGet").path("path").asText());
  }

  /** Parses the container's args with rig's own command model; a wrong option fails here. */
  private static ParseResult parse(JsonNode container, String subcommand) {
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    assertTrue(container.path("command").isMissingNode(), "the image's ENTRYPOINT runs rig");
    CommandLine rig =
        Rig.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    ParseResult parsed = rig.parseArgs(args.toArray(String[]::new));
    assertTrue(parsed.hasSubcommand(), args.toString());
    ParseResult sub = parsed.subcommand();
    assertEquals(subcommand, sub.commandSpec().name());
    assertTrue(sub.unmatched().isEmpty(), "unmatched: " + sub.unmatched());
    assertTrue(sub.errors().isEmpty(), "errors: " + sub.errors());
    return sub;
  }

  /** The option's value as typed, whatever type rig's command gives it. */
  private static String value(ParseResult command, String option) {
    assertTrue(command.hasMatchedOption(option), option + " is given");
    return String.valueOf(command.matchedOptionValue(option, (Object) null));
  }

  /** The pod volume mounted at exactly {@code path} in {@code container}. */
  private static JsonNode mountedVolume(JsonNode pod, JsonNode container, String path) {
    String name = null;
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("mountPath").asText().equals(path)) {
        name = mount.path("name").asText();
      }
    }
    assertNotNull(name, "no volume mounted at " + path + " in " + container.path("volumeMounts"));
    for (JsonNode volume : pod.path("spec").path("volumes")) {
      if (volume.path("name").asText().equals(name)) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  private static int containerPort(JsonNode container, String name) {
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals(name)) {
        return port.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no port " + name + " in " + container.path("ports"));
  }

  private static JsonNode container(JsonNode pod, String name) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no container " + name + " in " + pod.path("spec"));
  }

  private static Map<String, JsonNode> byName(List<JsonNode> docs, String kind) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode doc : docs) {
      if (doc.path("kind").asText().equals(kind)) {
        out.put(doc.path("metadata").path("name").asText(), doc);
      }
    }
    return out;
  }

  private static JsonNode deployment(String yaml) throws IOException {
    return byName(KubernetesValidation.readAll(yaml), "Deployment").values().iterator().next();
  }

  private Path compile(Path mesh, String... sidecar) {
    Path out = tmp.resolve("out-" + mesh.getFileName() + "-" + sidecar[1]);
    List<Object> args = new ArrayList<>(List.of("compile", mesh, "--out", out, "--kubernetes"));
    args.addAll(List.of(sidecar));
    var run = rig(args.toArray());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    return out;
  }

  private static Path onlyStream(Path out) throws IOException {
    try (var files = Files.list(out.resolve("kubernetes"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertEquals(1, yaml.size(), yaml.toString());
      return yaml.get(0);
    }
  }
}
