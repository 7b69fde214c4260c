package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigging.emitters.kubernetes.KubernetesEmitter;
import dev.rigging.emitters.kubernetes.Templates;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rig compile --kubernetes}: what it writes, and how it fails. */
class CompileKubernetesTest {
  @TempDir Path tmp;

  @Test
  void kubernetes_writesOneStreamPerNamespace_listedInManifest() throws IOException {
    Path out = tmp.resolve("out");
    var run =
        rig("compile", policy("callme.mesh"), "--out", out, "--kubernetes", "--namespace", "shop");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    Path stream = out.resolve("kubernetes/shop.yaml");
    assertTrue(Files.isRegularFile(stream));
    assertTrue(Files.readString(stream).startsWith("apiVersion: v1\nkind: Namespace\n"));
    JsonNode manifest = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
    boolean listed = false;
    for (JsonNode entry : manifest.path("outputs")) {
      listed |= entry.path("path").asText().equals("kubernetes/shop.yaml");
    }
    assertTrue(listed, manifest.toString());
  }

  @Test
  void withoutKubernetes_noManifestsAreWritten() {
    Path out = tmp.resolve("out");
    assertEquals(ExitCodes.OK, rig("compile", policy("callme.mesh"), "--out", out).exitCode());
    assertFalse(Files.exists(out.resolve("kubernetes")));
  }

  @Test
  void kubernetesOptionWithoutKubernetes_isAUsageError() {
    var run =
        rig("compile", policy("callme.mesh"), "--out", tmp.resolve("out"), "--sidecar", "rigging");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("--sidecar needs --kubernetes"), run.err());
  }

  @Test
  void invalidNamespace_isAUsageError() {
    var run =
        rig(
            "compile",
            policy("callme.mesh"),
            "--out",
            tmp.resolve("out"),
            "--kubernetes",
            "--namespace",
            "Shop_1");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("namespace `Shop_1` is not a DNS label"), run.err());
  }

  @Test
  void notDeployable_isMesh0601_exitOne_writesNothing() throws IOException {
    Path mesh = tmp.resolve("app.mesh");
    Files.writeString(
        mesh,
        """
        mesh demo

        service web_app {
          port 8080 http
          endpoint 127.0.0.1:9000
        }
        """);
    Path out = tmp.resolve("out");
    var run = rig("compile", mesh, "--out", out, "--kubernetes");
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("error[MESH0601]: `web_app` cannot name a Kubernetes Service"),
        run.err());
    assertTrue(run.err().contains("app.mesh:3:9"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void brokenTemplate_isMesh0905_atTheMeshSpan_exitTwo_writesNothing() throws IOException {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine rig = Rig.commandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    CompileCommand compile = rig.getSubcommands().get("compile").getCommand();
    compile.kubernetesEmitter =
        (options, mesh) ->
            new KubernetesEmitter(
                    options, Templates.withOverrides(CompileKubernetesTest.class, "broken-field"))
                .emit(mesh);
    Path out = tmp.resolve("out");
    int code =
        rig.execute(
            "compile",
            "--format",
            "json",
            policy("callme.mesh").toString(),
            "--out",
            out.toString(),
            "--kubernetes");

    assertEquals(ExitCodes.USAGE_OR_INTERNAL, code, stderr.toString());
    JsonNode diagnostics = Json.MAPPER.readTree(stdout.toString()).path("diagnostics");
    assertTrue(diagnostics.size() >= 2, stdout.toString());
    boolean schema = false;
    boolean model = false;
    for (JsonNode d : diagnostics) {
      assertEquals("MESH0905", d.path("code").asText());
      assertEquals("src/test/resources/policies/callme.mesh", d.path("file").asText());
      schema |= d.path("message").asText().contains("JSON Schema");
      model |= d.path("message").asText().contains("client model");
    }
    assertTrue(schema && model, stdout.toString());
    assertFalse(Files.exists(out));
  }
}
