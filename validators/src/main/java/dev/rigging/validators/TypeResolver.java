package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves {@code Any} type names to descriptors, and owns the strict JSON parser bound to them.
 * Starts with the types Rigging emits and grows on demand to any message type of the Envoy API jar,
 * so an unusual {@code typed_config} costs one lookup instead of every run loading the whole API.
 * Reads are lock-free; growth swaps in a new immutable snapshot under a lock.
 */
final class TypeResolver {

  /** What readers see: a registry and the parser using it, replaced together. */
  private record Snapshot(
      Set<FileDescriptor> files, JsonFormat.TypeRegistry registry, JsonFormat.Parser parser) {}

  private final GeneratedTypeLocator locator =
      new GeneratedTypeLocator(Bootstrap.class.getClassLoader());
  private volatile Snapshot snapshot;
  private boolean jarScanned; // guarded by this

  TypeResolver(Set<FileDescriptor> initialFiles) {
    this.snapshot = snapshotOf(new LinkedHashSet<>(initialFiles));
  }

  /** Parser that rejects unknown fields and resolves {@code @type}s known so far. */
  JsonFormat.Parser parser() {
    return snapshot.parser();
  }

  /** Descriptor for a type URL or bare full name already known, else {@code null}. */
  Descriptor find(String typeUrlOrName) {
    return snapshot.registry().find(typeName(typeUrlOrName));
  }

  /**
   * Makes the type known if the Envoy API has it, loading its generated class.
   *
   * @return whether the type is known now
   */
  synchronized boolean load(String typeUrlOrName) {
    String name = typeName(typeUrlOrName);
    if (name.isEmpty() || find(name) != null) {
      return !name.isEmpty();
    }
    Set<FileDescriptor> files = new LinkedHashSet<>(snapshot.files());
    Descriptor found = locator.byNamingConvention(name, javaPackagePrefixes(files));
    if (found != null) {
      TypeRegistryFactory.addWithImports(found.getFile(), files);
    } else if (!jarScanned) {
      jarScanned = true;
      List<FileDescriptor> all = locator.allFilesBeside(Bootstrap.class);
      all.forEach(f -> TypeRegistryFactory.addWithImports(f, files));
    } else {
      return false;
    }
    snapshot = snapshotOf(files);
    return find(name) != null;
  }

  /** The full message name in a type URL: whatever follows its last slash. */
  static String typeName(String typeUrlOrName) {
    return typeUrlOrName.substring(typeUrlOrName.lastIndexOf('/') + 1);
  }

  private static Snapshot snapshotOf(Set<FileDescriptor> files) {
    JsonFormat.TypeRegistry registry = TypeRegistryFactory.build(files);
    // No ignoringUnknownFields(): an unknown field must fail the parse, as it fails Envoy.
    return new Snapshot(
        Set.copyOf(files), registry, JsonFormat.parser().usingTypeRegistry(registry));
  }

  /**
   * Java package prefixes that loaded files add to their proto package, e.g. {@code
   * io.envoyproxy.}.
   */
  private static Set<String> javaPackagePrefixes(Set<FileDescriptor> files) {
    Set<String> prefixes = new TreeSet<>();
    prefixes.add("");
    for (FileDescriptor file : files) {
      String javaPackage = file.getOptions().getJavaPackage();
      String protoPackage = file.getPackage();
      if (!protoPackage.isEmpty() && javaPackage.endsWith(protoPackage)) {
        prefixes.add(javaPackage.substring(0, javaPackage.length() - protoPackage.length()));
      }
    }
    return prefixes;
  }
}
