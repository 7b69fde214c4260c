package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.pgv.validate.Validate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message type of the Envoy API jar: its PGV rules compile (a rule kind added by a newer jar
 * fails here rather than being skipped) and its type name resolves.
 */
class EnvoyJarCoverageTest {

  private static List<Descriptor> allTypes;

  @BeforeAll
  static void loadEveryTypeInTheJar() {
    Set<FileDescriptor> files = new LinkedHashSet<>();
    new GeneratedTypeLocator(Bootstrap.class.getClassLoader())
        .allFilesBeside(Bootstrap.class)
        .forEach(file -> TypeRegistryFactory.addWithImports(file, files));
    allTypes = new ArrayList<>();
    Deque<Descriptor> pending = new ArrayDeque<>();
    files.forEach(file -> pending.addAll(file.getMessageTypes()));
    while (!pending.isEmpty()) {
      Descriptor type = pending.pop();
      allTypes.add(type);
      pending.addAll(type.getNestedTypes());
    }
  }

  @Test
  void jarScan_findsTheWholeApi() {
    assertTrue(allTypes.size() > 2000, () -> "only " + allTypes.size() + " message types");
    long fieldsWithRules =
        allTypes.stream()
            .flatMap(t -> t.getFields().stream())
            .filter(f -> f.getOptions().hasExtension(Validate.rules))
            .count();
    assertTrue(
        fieldsWithRules > 1000, () -> "only " + fieldsWithRules + " fields carry validate.rules");
  }

  @Test
  void everyRuleInTheJar_isSupported() {
    List<String> unsupported = new ArrayList<>();
    for (Descriptor type : allTypes) {
      for (FieldPlan field : PgvRules.compile(type).fields()) {
        if (field instanceof FieldPlan.Unsupported u) {
          unsupported.add(u.reason());
        }
      }
    }
    assertEquals(List.of(), unsupported);
  }

  @Test
  void everyFieldWithRules_getsAPlan() {
    List<String> dropped = new ArrayList<>();
    for (Descriptor type : allTypes) {
      MessagePlan plan = PgvRules.compile(type);
      if (plan.kind() != MessagePlan.Kind.FIELDS || plan.disabled()) {
        continue;
      }
      Set<FieldDescriptor> planned = new java.util.HashSet<>();
      plan.fields().forEach(f -> planned.add(f.field()));
      for (FieldDescriptor field : type.getFields()) {
        if (field.getOptions().hasExtension(Validate.rules)
            && !planned.contains(field)
            && hasConstraint(field.getOptions().getExtension(Validate.rules), field)) {
          dropped.add(field.getFullName());
        }
      }
    }
    assertEquals(List.of(), dropped);
  }

  /**
   * Whether the rules constrain something; {@code skip} or an empty rule set legitimately need no
   * plan.
   */
  private static boolean hasConstraint(Validate.FieldRules rules, FieldDescriptor field) {
    boolean onlySkipOrOneofRequired =
        rules.getTypeCase() == Validate.FieldRules.TypeCase.TYPE_NOT_SET
            && (rules.getMessage().getSkip() || field.getRealContainingOneof() != null);
    return !onlySkipOrOneofRequired && !rules.equals(Validate.FieldRules.getDefaultInstance());
  }

  @Test
  void everyMessageTypeInTheJar_resolvesByName() {
    EnvoyValidator validator = EnvoyValidator.create();
    List<String> unresolved =
        allTypes.stream()
            .map(Descriptor::getFullName)
            .filter(name -> !validator.canResolve(name))
            .toList();
    assertEquals(List.of(), unresolved);
  }
}
