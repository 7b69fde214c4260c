package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Type resolution: the emitted set up front, the rest of the Envoy API on demand. */
class TypeResolverTest {

  private final TypeResolver resolver = new TypeResolver(TypeRegistryFactory.emittedFiles());

  @Test
  void emittedTypes_areKnownUpFront() {
    assertNotNull(resolver.find("type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC"));
    assertNotNull(resolver.find("envoy.config.listener.v3.Listener"));
  }

  @Test
  void otherEnvoyType_isLoadedByNamingConvention() {
    String cors = "type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors";
    assertNull(resolver.find(cors));
    assertTrue(resolver.load(cors));
    assertEquals("envoy.extensions.filters.http.cors.v3.Cors", resolver.find(cors).getFullName());
  }

  @Test
  void namingConvention_findsTopLevelAndNestedClassesWithoutScanningTheJar() {
    GeneratedTypeLocator locator = new GeneratedTypeLocator(getClass().getClassLoader());
    java.util.Set<String> prefixes = java.util.Set.of("io.envoyproxy.");
    assertNotNull(
        locator.byNamingConvention("envoy.extensions.filters.http.cors.v3.Cors", prefixes));
    assertNotNull(
        locator.byNamingConvention(
            "envoy.extensions.filters.http.compressor.v3.Compressor.CommonDirectionConfig",
            prefixes));
    assertNull(
        locator.byNamingConvention(
            "envoy.extensions.filters.http.cors.v3.Cors", java.util.Set.of("")));
  }

  @Test
  void nestedType_isLoaded() {
    String nested = "envoy.extensions.filters.http.compressor.v3.Compressor.CommonDirectionConfig";
    assertTrue(resolver.load(nested));
    assertEquals(nested, resolver.find(nested).getFullName());
  }

  @Test
  void typeOutsideTheApi_staysUnresolved() {
    assertFalse(resolver.load("type.googleapis.com/com.example.NotEnvoy"));
    assertNull(resolver.find("type.googleapis.com/com.example.NotEnvoy"));
  }

  @Test
  void typeName_isWhatFollowsTheLastSlash() {
    assertEquals("a.B", TypeResolver.typeName("type.googleapis.com/a.B"));
    assertEquals("a.B", TypeResolver.typeName("example.com/x/a.B"));
    assertEquals("a.B", TypeResolver.typeName("a.B"));
  }
}
