package dev.rigging.cli;

import static dev.rigging.cli.RigRunner.rig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.compiler.Compilation;
import dev.rigging.compiler.Compiler;
import dev.rigging.compiler.ir.Mesh;
import dev.rigging.diff.Change;
import dev.rigging.diff.MeshDiff;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips over the Bookinfo tasks: Istio YAML written for each task (test resources), imported
 * over the shared Bookinfo services, must compile to the same IR as the hand-written policy of the
 * task under policies/bookinfo, source positions aside, or differ exactly as documented.
 */
class ImportIstioCommandTest {
  private static final Path YAML = Path.of("src/test/resources/istio/bookinfo");
  private static final Path BOOKINFO = GitFixture.POLICIES.resolve("bookinfo");
  private static final StringBuilder GOLDEN = new StringBuilder();

  /**
   * Copies the shared services to {@code dir/mesh} and imports {@code yaml} into {@code
   * dir/imported}.
   */
  private static Path importInto(Path dir, String... yaml) throws IOException {
    Path mesh = dir.resolve("mesh");
    Files.createDirectories(mesh);
    for (String file : List.of("gateway", "productpage", "details", "reviews", "ratings")) {
      Files.copy(BOOKINFO.resolve("mesh/" + file + ".mesh"), mesh.resolve(file + ".mesh"));
    }
    List<Object> args = new ArrayList<>(List.of("import", "istio"));
    for (String y : yaml) {
      args.add(YAML.resolve(y));
    }
    args.addAll(List.of("--services", mesh, "--out", dir.resolve("imported")));
    var run = rig(args.toArray());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals("", run.out());
    return dir.resolve("imported");
  }

  private static Mesh compile(Path unit) {
    Compilation compilation = new Compiler().compile(List.of(unit));
    assertFalse(compilation.hasErrors(), () -> unit + ": " + compilation.diagnostics());
    return compilation.mesh().orElseThrow();
  }

  /** Imports, then checks the IR equals the hand-written task's, spans and input hashes aside. */
  private static void roundTrip(Path dir, String task, String... yaml) throws IOException {
    Path imported = importInto(dir, yaml);
    String text = Files.readString(imported.resolve(ImportIstioCommand.OUTPUT));
    Mesh expected = compile(BOOKINFO.resolve(task));
    Mesh actual = compile(imported);
    assertEquals(List.of(), MeshDiff.compare(Optional.of(expected), Optional.of(actual)), text);
    assertEquals(withoutPositions(expected), withoutPositions(actual), text);
    // The file is already canonical: rig fmt would not change it.
    assertEquals(ExitCodes.OK, rig("fmt", "--check", imported).exitCode());
  }

  @Test
  void reviewsTestV2_equalsRequestRouting(@TempDir Path dir) throws IOException {
    roundTrip(dir, "request-routing", "reviews-test-v2.yaml");
  }

  @Test
  void reviews50V3_equalsTrafficShifting(@TempDir Path dir) throws IOException {
    roundTrip(dir, "traffic-shifting", "reviews-50-v3.yaml");
  }

  @Test
  void ratingsTestDelay_equalsFaultDelay(@TempDir Path dir) throws IOException {
    roundTrip(dir, "fault-delay", "reviews-test-v2.yaml", "ratings-test-delay.yaml");
  }

  @Test
  void ratingsTestAbort_equalsFaultAbort(@TempDir Path dir) throws IOException {
    roundTrip(dir, "fault-abort", "reviews-test-v2.yaml", "ratings-test-abort.yaml");
  }

  @Test
  void requestTimeouts_equalsRequestTimeouts(@TempDir Path dir) throws IOException {
    roundTrip(dir, "request-timeouts", "request-timeouts.yaml");
  }

  @Test
  void mirror_equalsMirroring(@TempDir Path dir) throws IOException {
    roundTrip(dir, "mirroring", "mirror-v2.yaml");
  }

  @Test
  void circuitBreakerDestinationRule_equalsCircuitBreaking(@TempDir Path dir) throws IOException {
    // The rule re-declares productpage with its policy; productpage.mesh's authz is carried over.
    roundTrip(dir, "circuit-breaking", "circuit-breaker.yaml");
  }

  @Test
  void authorizationPolicies_equalTheHandWrittenAuthz(@TempDir Path dir) throws IOException {
    roundTrip(dir, "request-routing", "reviews-test-v2.yaml", "authorization.yaml");
  }

  /**
   * Istio's all-v1 task routes every service to v1; the hand-written policy routes only reviews,
   * leaving the others to the compiler's default rule (the whole service). Every other service has
   * only v1, so traffic goes to the same endpoints; the IR differs in exactly these targets.
   */
  @Test
  void virtualServiceAllV1WithSubsets_differsOnlyInExplicitV1Targets(@TempDir Path dir)
      throws IOException {
    Path imported = importInto(dir, "virtual-service-all-v1.yaml", "destination-rule-all.yaml");
    List<String> differences =
        MeshDiff.compare(
                Optional.of(compile(BOOKINFO.resolve("all-v1"))), Optional.of(compile(imported)))
            .stream()
            .map(Change::text)
            .toList();
    List<String> expected = new ArrayList<>();
    for (String service : List.of("details", "productpage", "ratings")) {
      expected.add("`" + service + " (all versions)`: 100% → 0% for `default`");
      expected.add("`" + service + " v1`: 0% → 100% for `default`");
    }
    assertEquals(expected, differences, String.join("\n", differences));
    GOLDEN
        .append("== all-v1 + destination-rule-all\n")
        .append(Files.readString(imported.resolve(ImportIstioCommand.OUTPUT)));
  }

  @Test
  void everyTaskImport_matchesGolden(@TempDir Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    String[][] cases = {
      {"reviews-test-v2.yaml", "authorization.yaml"},
      {"reviews-50-v3.yaml"},
      {"reviews-test-v2.yaml", "ratings-test-delay.yaml"},
      {"request-timeouts.yaml"},
      {"mirror-v2.yaml"},
      {"circuit-breaker.yaml"},
      {"virtual-service-all-v1.yaml", "destination-rule-all.yaml"},
    };
    int n = 0;
    for (String[] yaml : cases) {
      Path imported = importInto(dir.resolve("case" + n++), yaml);
      text.append("== ").append(String.join(" + ", yaml)).append('\n');
      text.append(Files.readString(imported.resolve(ImportIstioCommand.OUTPUT))).append('\n');
    }
    Approvals.verify(text.toString());
  }

  @Test
  void whatHasNoEquivalent_isALocatedErrorAndNothingIsWritten(@TempDir Path dir)
      throws IOException {
    Path mesh = dir.resolve("mesh");
    Files.createDirectories(mesh);
    for (String file : List.of("gateway", "productpage", "details", "reviews", "ratings")) {
      Files.copy(BOOKINFO.resolve("mesh/" + file + ".mesh"), mesh.resolve(file + ".mesh"));
    }
    var run =
        rig(
            "import",
            "istio",
            YAML.resolve("unsupported.yaml"),
            "--services",
            mesh,
            "--out",
            dir.resolve("imported"));
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode(), run.err());
    assertFalse(Files.exists(dir.resolve("imported")));
    assertTrue(run.err().contains("error[MESH0701]") && run.err().contains("error[MESH0703]"));
    Approvals.verify(run.err());
  }

  @Test
  void everyTranslatedField_overTheCallmeMesh_checksAndMatchesGolden(@TempDir Path dir)
      throws IOException {
    Path mesh = dir.resolve("mesh");
    Files.createDirectories(mesh);
    Files.copy(GitFixture.POLICIES.resolve("callme/callme.mesh"), mesh.resolve("callme.mesh"));
    Path features = Path.of("src/test/resources/istio/callme/features.yaml");
    var run = rig("import", "istio", features, "--services", mesh, "--out", dir.resolve("out"));
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    String text = Files.readString(dir.resolve("out").resolve(ImportIstioCommand.OUTPUT));
    assertTrue(text.contains("split v1 90%, v2 10%"), text);
    assertEquals(ExitCodes.OK, rig("check", dir.resolve("out")).exitCode());
    // Without --out the same policy goes to stdout, imports relative to the working directory.
    var printed = rig("import", "istio", features, "--services", mesh);
    assertEquals(ExitCodes.OK, printed.exitCode(), printed.err());
    assertTrue(printed.out().contains("split v1 90%, v2 10%"), printed.out());
    Approvals.verify(text);
  }

  @Test
  void malformedYaml_isLocated(@TempDir Path dir) throws IOException {
    Path mesh = dir.resolve("mesh");
    Files.createDirectories(mesh);
    Files.copy(GitFixture.POLICIES.resolve("callme/callme.mesh"), mesh.resolve("callme.mesh"));
    var run =
        rig(
            "import",
            "istio",
            Path.of("src/test/resources/istio/callme/broken.yaml"),
            "--services",
            mesh);
    assertEquals(ExitCodes.POLICY_ERRORS, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("error[MESH0702]"), run.err());
    Approvals.verify(run.err());
  }

  @Test
  void importWithoutSourceOrServices_exitsTwo() {
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, rig("import").exitCode());
    var run = rig("import", "istio", YAML.resolve("reviews-50-v3.yaml"));
    assertEquals(ExitCodes.USAGE_OR_INTERNAL, run.exitCode());
    assertTrue(run.err().contains("--services"), run.err());
  }

  /** Returns {@code value} with every span null and the mesh's input hashes dropped. */
  static Object withoutPositions(Object value) {
    if (value == null || value instanceof dev.rigging.source.Span) {
      return null;
    }
    if (value instanceof Mesh m) {
      return List.of(m.name(), withoutPositions(m.services()), withoutPositions(m.gateways()));
    }
    if (value instanceof Record record) {
      Map<String, Object> fields = new TreeMap<>();
      for (RecordComponent c : record.getClass().getRecordComponents()) {
        try {
          fields.put(c.getName(), withoutPositions(c.getAccessor().invoke(record)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return Map.of(record.getClass().getName(), fields);
    }
    if (value instanceof SortedSet<?> set) {
      return new TreeSet<>(set);
    }
    if (value instanceof SortedMap<?, ?> map) {
      return new TreeMap<>(map);
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(ImportIstioCommandTest::withoutPositions).toList();
    }
    if (value instanceof Optional<?> optional) {
      return optional.map(ImportIstioCommandTest::withoutPositions);
    }
    if (value instanceof OptionalInt) {
      return value;
    }
    return value;
  }
}
