package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.policy;
import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig inject}: golden outputs for real inputs, and located errors for bad ones. */
class InjectCommandTest {
  private static final Path INPUTS = Path.of("src/test/resources/inject");

  @TempDir Path tmp;

  private static RigRunner.Run inject(String input, Object... more) {
    Object[] args = new Object[5 + more.length];
    args[0] = "inject";
    args[1] = "-f";
    args[2] = INPUTS.resolve(input);
    args[3] = "--mesh";
    args[4] = policy("callme.mesh");
    System.arraycopy(more, 0, args, 5, more.length);
    return rig(args);
  }

  @Test
  void versionedDeployment_getsSidecarOfItsVersion_otherDocumentsUntouched() throws IOException {
    var run = inject("callme-v2.yaml");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    Approvals.verify(run.out());
    // Documents rig did not change come out as they went in, comments and flow style included.
    String input = Files.readString(INPUTS.resolve("callme-v2.yaml"));
    String redis = input.substring(input.lastIndexOf("---\n") + 4);
    assertTrue(run.out().endsWith(redis), run.out());
    String service = input.substring(0, input.indexOf("---\n"));
    assertTrue(run.out().contains("---\n" + service + "---\n"), run.out());
    assertTrue(
        run.err().contains("callme-v2.yaml:34: left Deployment `redis` as it was"), run.err());
  }

  @Test
  void unversionedService_keepsUserFields_envoyAndRiggingSidecars() {
    var envoy = inject("unversioned.yaml");
    assertEquals(ExitCodes.OK, envoy.exitCode(), envoy.err());
    var rigging = inject("unversioned.yaml", "--sidecar", "rigging", "--sidecar-image", "rig:test");
    assertEquals(ExitCodes.OK, rigging.exitCode(), rigging.err());
    Approvals.verify(
        "=== --sidecar envoy ===\n" + envoy.out() + "=== --sidecar rigging ===\n" + rigging.out());
  }

  @Test
  void outputPassesBothKubernetesValidations() throws IOException {
    var run = inject("callme-v2.yaml");
    var validator = dev.rigging.validators.kubernetes.KubernetesValidator.create();
    List<JsonNode> docs = KubernetesValidation.readAll(run.out());
    assertEquals(4, docs.size());
    for (JsonNode doc : docs) {
      if (!doc.path("kind").asText().equals("Service")) {
        assertEquals(List.of(), validator.validate(doc), doc.path("metadata").toString());
      }
    }
  }

  @Test
  void outputFile_isWrittenInsteadOfStdout() throws IOException {
    Path out = tmp.resolve("injected.yaml");
    var run = inject("unversioned.yaml", "-o", out);
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(Files.readString(out).contains("name: envoy"));
  }

  @Test
  void injectingTwice_isRefusedAtTheContainers() throws IOException {
    Path once = tmp.resolve("once.yaml");
    assertEquals(ExitCodes.OK, inject("unversioned.yaml", "-o", once).exitCode());
    var run = rig("inject", "-f", once, "--mesh", policy("callme.mesh"));
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertTrue(run.err().contains("already has a container `envoy`"), run.err());
    assertTrue(run.err().contains("once.yaml:"), run.err());
  }

  @Test
  void yamlSyntaxError_isLocated_exitOne() {
    var run = inject("bad-syntax.yaml");
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertTrue(run.err().startsWith("src/test/resources/inject/bad-syntax.yaml:"), run.err());
    assertTrue(run.err().contains("error: invalid YAML"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void podsOfNoVersion_isLocatedAtTheLabels() {
    var run = inject("no-version.yaml");
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "no-version.yaml:10: error: the pods of Deployment `callme-v3` match no"
                    + " version of `callme`"),
        run.err());
    assertTrue(
        run.err().contains("help: give the pod template the labels of one version"), run.err());
  }

  @Test
  void invalidUserDeployment_isTheUsersError_locatedAtTheField() {
    var run = inject("unknown-field.yaml");
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertTrue(
        run.err()
            .contains("unknown-field.yaml:15: error: Deployment `caller` is invalid: JSON Schema"),
        run.err());
    assertTrue(run.err().contains("imagePullPolicyy"), run.err());
  }

  @Test
  void deploymentInAnotherNamespace_suggestsNamespaceOption() {
    var run = inject("other-namespace.yaml");
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "other-namespace.yaml:5: error: Deployment `caller` is in namespace `payments`"),
        run.err());
    assertEquals(
        ExitCodes.OK, inject("other-namespace.yaml", "--namespace", "payments").exitCode());
  }

  @Test
  void serviceOption_needsExactlyOneDeployment_andAServiceOfTheMesh() {
    var two = inject("callme-v2.yaml", "--service", "callme");
    assertEquals(ExitCodes.POLICY_ERRORS, two.exitCode());
    assertTrue(two.err().contains("the file has 2 Deployments"), two.err());
    var unknown = inject("unversioned.yaml", "--service", "nobody");
    assertEquals(ExitCodes.POLICY_ERRORS, unknown.exitCode());
    assertTrue(unknown.err().contains("`nobody` is not a service of the mesh"), unknown.err());
    assertTrue(unknown.err().contains("services: `caller`, `callme`"), unknown.err());
  }

  @Test
  void imageTemplate_isAUsageError() {
    var run = inject("unversioned.yaml", "--image-template", "x/{service}");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("--image-template does not apply"), run.err());
  }

  @Test
  void missingFile_isAUsageError() {
    var run = inject("nope.yaml");
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("cannot read"), run.err());
  }
}
