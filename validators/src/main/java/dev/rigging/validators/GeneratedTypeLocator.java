package dev.rigging.validators;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds the generated Java classes of Envoy API message types that are not loaded yet. */
final class GeneratedTypeLocator {

  private final ClassLoader loader;

  GeneratedTypeLocator(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * Message type {@code fullName}, found by Envoy's naming convention: a Java package that is the
   * proto package plus a prefix seen on already-loaded files (e.g. {@code io.envoyproxy.}), one
   * class per message ({@code java_multiple_files}), nested messages as nested classes.
   *
   * @return the descriptor, or {@code null} when no class follows the convention
   */
  Descriptor byNamingConvention(String fullName, Set<String> javaPackagePrefixes) {
    String[] parts = fullName.split("\\.");
    for (int packageParts = parts.length - 1; packageParts >= 1; packageParts--) {
      String protoPackage = String.join(".", List.of(parts).subList(0, packageParts));
      String className = String.join("$", List.of(parts).subList(packageParts, parts.length));
      for (String prefix : javaPackagePrefixes) {
        Descriptor found = messageDescriptor(prefix + protoPackage + "." + className);
        if (found != null && found.getFullName().equals(fullName)) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * Every proto file whose outer class ({@code *Proto} or {@code *OuterClass}, Envoy's {@code
   * java_outer_classname} styles) sits in the jar or directory that holds the Envoy API. Covers all
   * message types of the API; costs about 0.4 s, so it is the last resort.
   */
  List<FileDescriptor> allFilesBeside(Class<?> apiClass) {
    List<FileDescriptor> files = new ArrayList<>();
    for (String className : outerClassNames(apiClass)) {
      FileDescriptor file = fileDescriptor(className);
      if (file != null) {
        files.add(file);
      }
    }
    return files;
  }

  private static List<String> outerClassNames(Class<?> apiClass) {
    List<String> names = new ArrayList<>();
    try {
      URL location = apiClass.getProtectionDomain().getCodeSource().getLocation();
      Path root = new File(location.toURI()).toPath();
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
              .filter(GeneratedTypeLocator::isOuterClassEntry)
              .forEach(entry -> names.add(toClassName(entry)));
        }
      } else {
        try (JarFile jar = new JarFile(root.toFile())) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String entry = e.nextElement().getName();
            if (isOuterClassEntry(entry)) {
              names.add(toClassName(entry));
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // No readable code source (e.g. a custom class loader): only convention lookups remain.
      return names;
    }
    return names;
  }

  private static boolean isOuterClassEntry(String entry) {
    return entry.indexOf('$') < 0
        && (entry.endsWith("Proto.class") || entry.endsWith("OuterClass.class"));
  }

  private static String toClassName(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }

  private Descriptor messageDescriptor(String className) {
    Object d = staticGetDescriptor(className, Descriptor.class);
    return d == null ? null : (Descriptor) d;
  }

  private FileDescriptor fileDescriptor(String className) {
    Object d = staticGetDescriptor(className, FileDescriptor.class);
    return d == null ? null : (FileDescriptor) d;
  }

  /**
   * Result of {@code className.getDescriptor()} when it exists and returns {@code type}, else null.
   */
  private Object staticGetDescriptor(String className, Class<?> type) {
    try {
      Class<?> c = Class.forName(className, false, loader);
      Method getDescriptor = c.getMethod("getDescriptor");
      if (getDescriptor.getReturnType() != type || getDescriptor.getParameterCount() != 0) {
        return null;
      }
      return getDescriptor.invoke(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // Not a generated class of the expected shape: simply not a match.
      return null;
    }
  }
}
