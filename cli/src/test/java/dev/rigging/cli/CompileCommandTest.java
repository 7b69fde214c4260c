package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigging.emitters.DocumentKind;
import dev.rigging.emitters.EmittedDocument;
import dev.rigging.emitters.envoy.EnvoyEmitter;
import dev.rigging.emitters.envoy.ProxyEmission;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompileCommandTest {
  @TempDir Path tmp;

  @Test
  void compilingTwiceGivesByteIdenticalTrees() throws IOException {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", first).exitCode());
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", second).exitCode());
    Map<String, byte[]> a = tree(first);
    Map<String, byte[]> b = tree(second);
    assertEquals(a.keySet(), b.keySet());
    a.forEach((path, bytes) -> assertArrayEquals(bytes, b.get(path), path));
    assertTrue(a.containsKey("envoy/callme/bootstrap.json"), a.keySet().toString());
    assertTrue(a.containsKey("manifest.json"));
  }

  @Test
  void recompilingIntoTheSameDirectoryReplacesItAndChangesNothing() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", out).exitCode());
    Map<String, byte[]> before = tree(out);
    Files.writeString(out.resolve("envoy/stale.json"), "{}");
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", out).exitCode());
    Map<String, byte[]> after = tree(out);
    assertEquals(before.keySet(), after.keySet(), "the stale file is gone with the old tree");
    before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path));
    assertNoLitter();
  }

  @Test
  void manifestListsEveryOutputWithItsHashAndSize() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", out).exitCode());
    Map<String, byte[]> files = tree(out);
    JsonNode manifest = Json.MAPPER.readTree(files.remove(Manifest.FILE));
    assertEquals("demo", manifest.path("mesh").asText());
    assertEquals("rigging " + Version.number(), manifest.path("compiler").asText());

    List<String> listed = new ArrayList<>();
    for (JsonNode output : manifest.path("outputs")) {
      String path = output.path("path").asText();
      listed.add(path);
      byte[] bytes = files.get(path);
      assertTrue(bytes != null, "listed but not written: " + path);
      assertEquals(Manifest.sha256(bytes), output.path("sha256").asText(), path);
      assertEquals(bytes.length, output.path("bytes").asInt(), path);
    }
    assertEquals(new ArrayList<>(files.keySet()), listed, "every output, sorted by path");

    JsonNode inputs = manifest.path("inputs");
    assertEquals(1, inputs.size());
    Path input = policy("callme.mesh");
    assertEquals(input.toString().replace('\\', '/'), inputs.get(0).path("path").asText());
    assertEquals(Manifest.sha256(Files.readAllBytes(input)), inputs.get(0).path("sha256").asText());
  }

  @Test
  void manifestListsImportedInputsToo() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(
        ExitCodes.OK, rig("compile", policy("split/routes.mesh"), "--out", out).exitCode());
    JsonNode inputs = Json.MAPPER.readTree(out.resolve(Manifest.FILE).toFile()).path("inputs");
    assertEquals(
        List.of(
            "src/test/resources/policies/split/routes.mesh",
            "src/test/resources/policies/split/services.mesh"),
        inputs.findValuesAsText("path"));
  }

  @Test
  void failedCompileLeavesAnExistingOutputUntouched() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", out).exitCode());
    Map<String, byte[]> before = tree(out);

    var run = rig("compile", policy("broken.mesh"), "--out", out);
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertTrue(run.err().contains("error[MESH0201]"), run.err());
    Map<String, byte[]> after = tree(out);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path));
    assertNoLitter();
  }

  @Test
  void failedCompileCreatesNoOutputDirectory() {
    Path out = tmp.resolve("out");
    assertEquals(
        ExitCodes.POLICY_ERRORS, rig("compile", policy("broken.mesh"), "--out", out).exitCode());
    assertFalse(Files.exists(out));
  }

  @Test
  void refusesToReplaceADirectoryRigDidNotWrite() throws IOException {
    Path out = Files.createDirectory(tmp.resolve("precious"));
    Files.writeString(out.resolve("notes.txt"), "keep me");
    var run = rig("compile", policy("callme.mesh"), "--out", out);
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().startsWith("rig: refusing to replace"), run.err());
    assertEquals(Map.of("notes.txt", "keep me"), text(tree(out)));
  }

  @Test
  void refusesADirectoryWhoseManifestIsNotRigs() throws IOException {
    // A web app's public/ has a manifest.json too; its name alone must not make it ours.
    Path out = Files.createDirectory(tmp.resolve("public"));
    Files.writeString(out.resolve("manifest.json"), "{\"name\": \"my app\", \"icons\": []}");
    var run = rig("compile", policy("callme.mesh"), "--out", out);
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertEquals(1, tree(out).size());
  }

  @Test
  void refusesAFileAsOutputDirectory() throws IOException {
    Path out = Files.writeString(tmp.resolve("file"), "x");
    assertEquals(
        ExitCodes.USAGE_OR_INTERNAL,
        rig("compile", policy("callme.mesh"), "--out", out).exitCode());
    assertEquals("x", Files.readString(out));
  }

  @Test
  void anOutputThatCannotBeCreatedIsReportedInOneLine() throws IOException {
    Files.writeString(tmp.resolve("file"), "x");
    var run = rig("compile", policy("callme.mesh"), "--out", tmp.resolve("file/out"));
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().startsWith("rig: cannot write `"), run.err());
    assertTrue(run.err().contains("already exists (and is not a directory)"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void writesIntoAnEmptyDirectoryAndCreatesMissingParents() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", empty).exitCode());
    assertTrue(Files.isRegularFile(empty.resolve(Manifest.FILE)));
    Path nested = tmp.resolve("a/b/c");
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", nested).exitCode());
    assertTrue(Files.isRegularFile(nested.resolve(Manifest.FILE)));
  }

  @Test
  void jsonFormatReportsTheOutputOnStdout() throws IOException {
    Path out = tmp.resolve("out");
    var run = rig("compile", "--format", "json", policy("callme.mesh"), "--out", out);
    assertEquals(ExitCodes.OK, run.exitCode());
    assertEquals("", run.err());
    JsonNode doc = Json.MAPPER.readTree(run.out());
    assertEquals(0, doc.path("errors").asInt());
    assertEquals("demo", doc.path("output").path("mesh").asText());
    assertEquals(tree(out).size(), doc.path("output").path("files").asInt());
  }

  @Test
  void jsonFormatOnErrorsHasNoOutput() throws IOException {
    var run =
        rig("compile", "--format", "json", policy("broken.mesh"), "--out", tmp.resolve("out"));
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    JsonNode doc = Json.MAPPER.readTree(run.out());
    assertTrue(doc.path("output").isNull());
    assertTrue(doc.path("errors").asInt() > 0);
  }

  @Test
  void warningsArePrintedAndDoNotStopTheCompile() {
    var run = rig("compile", policy("warned"), "--out", tmp.resolve("out"));
    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.err().contains("warning[MESH0506]"), run.err());
  }

  @Test
  void timingsListCompilerStagesAndRigsOwnOnStderr() {
    var run = rig("compile", "--timings", policy("callme.mesh"), "--out", tmp.resolve("out"));
    assertEquals(ExitCodes.OK, run.exitCode());
    for (String stage : List.of("load-and-parse", "emit", "validate", "write", "total")) {
      assertTrue(
          run.err().lines().anyMatch(l -> l.trim().startsWith(stage + " ")),
          stage + " in\n" + run.err());
    }
    assertEquals("", run.out());
  }

  @Test
  void directoryTemplatesReachTheEmittedConfiguration() throws IOException {
    Path out = tmp.resolve("out");
    var run =
        rig(
            "compile",
            policy("callme.mesh"),
            "--out",
            out,
            "--config-dir",
            "/srv/envoy/{proxy}",
            "--cert-dir",
            "/run/secrets/{proxy}");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    String all = String.join("\n", text(tree(out)).values());
    assertTrue(
        all.contains("/srv/envoy/caller/") || all.contains("/srv/envoy/callme/"), "config dir");
    assertTrue(all.contains("/run/secrets/callme/"), "cert dir");
    assertFalse(all.contains("/etc/rigging/"), "defaults replaced");
  }

  @Test
  void blankDirectoryTemplateIsAUsageError() {
    var run = rig("compile", policy("callme.mesh"), "--out", tmp.resolve("out"), "--cert-dir", " ");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void invalidEnvoyOutputIsMesh0901AtTheMeshSpanExitsTwoAndWritesNothing() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", out).exitCode());
    Map<String, byte[]> before = tree(out);

    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine rig = Rig.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    CompileCommand compile = rig.getSubcommands().get("compile").getCommand();
    compile.emitter =
        (options, mesh) ->
            new EnvoyEmitter(options)
                .proxies(mesh).stream()
                    .map(
                        proxy ->
                            new ProxyEmission(
                                proxy.proxy(),
                                () ->
                                    proxy.emit().stream()
                                        .map(CompileCommandTest::emptyFirstClusterName)
                                        .toList()))
                    .toList();
    int code =
        rig.execute(
            "compile",
            "--format",
            "json",
            policy("callme.mesh").toString(),
            "--out",
            out.toString());

    assertEquals(ExitCodes.USAGE_OR_INTERNAL, code, stderr.toString());
    JsonNode diagnostics = Json.MAPPER.readTree(stdout.toString()).path("diagnostics");
    assertTrue(diagnostics.size() >= 1, stdout.toString());
    for (JsonNode d : diagnostics) {
      assertEquals("MESH0901", d.path("code").asText());
      assertEquals("src/test/resources/policies/callme.mesh", d.path("file").asText());
      assertTrue(d.path("notes").toString().contains("JSON path: resources[0].name"), d.toString());
    }
    Map<String, byte[]> after = tree(out);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path));
    assertNoLitter();
  }

  @Test
  void aViolationInOneProxyDiscardsWhatTheOthersAlreadyWrote() throws IOException {
    // Proxies are written as they pass validation; one bad proxy must still leave no trace,
    // not even the parent directories --out needed.
    Path out = tmp.resolve("a/b/out");
    CommandLine rig =
        Rig.commandLine(
            new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    CompileCommand compile = rig.getSubcommands().get("compile").getCommand();
    compile.emitter =
        (options, mesh) ->
            new EnvoyEmitter(options)
                .proxies(mesh).stream()
                    .map(
                        proxy ->
                            !proxy.proxy().equals("callme")
                                ? proxy
                                : new ProxyEmission(
                                    proxy.proxy(),
                                    () ->
                                        proxy.emit().stream()
                                            .map(CompileCommandTest::emptyFirstClusterName)
                                            .toList()))
                    .toList();
    int code = rig.execute("compile", policy("callme.mesh").toString(), "--out", out.toString());

    assertEquals(ExitCodes.USAGE_OR_INTERNAL, code);
    assertFalse(Files.exists(tmp.resolve("a")));
    assertNoLitter();
  }

  /** Breaks clusters files the way an emitter bug might: a cluster without a name. */
  private static EmittedDocument emptyFirstClusterName(EmittedDocument doc) {
    if (doc.kind() != DocumentKind.ENVOY_CLUSTERS) {
      return doc;
    }
    try {
      ObjectNode json = (ObjectNode) Json.MAPPER.readTree(doc.content());
      ((ObjectNode) json.withArray("resources").get(0)).put("name", "");
      return new EmittedDocument(doc.path(), Json.text(json), doc.kind(), doc.origins());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** No staging or set-aside trees are left beside the output. */
  private void assertNoLitter() throws IOException {
    try (Stream<Path> siblings = Files.list(tmp)) {
      List<String> hidden =
          siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
      assertEquals(List.of(), hidden);
    }
  }

  /** Every file under {@code root}, by '/'-separated relative path. */
  static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
      }
    }
    return files;
  }

  private static Map<String, String> text(Map<String, byte[]> files) {
    Map<String, String> text = new TreeMap<>();
    files.forEach((path, bytes) -> text.put(path, new String(bytes, StandardCharsets.UTF_8)));
    return text;
  }
}
