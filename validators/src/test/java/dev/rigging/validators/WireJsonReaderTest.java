package dev.rigging.validators;

import static dev.rigging.validators.ParseAgreement.FAST;
import static dev.rigging.validators.ParseAgreement.JSON_FORMAT;
import static dev.rigging.validators.ParseAgreement.READER;
import static dev.rigging.validators.ParseAgreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.rigging.validators.ParseAgreement.Document;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fast reader on what rig emits: every Envoy document of every policy in {@code policies/}
 * (their approved output) must be read by it, into exactly the bytes of {@code JsonFormat}'s
 * message, with the same violations as before, alone and in sessions.
 */
class WireJsonReaderTest {

  private static final List<Document> EMITTED = ParseAgreement.emittedDocuments();

  @Test
  void everyEmittedDocument_readsIntoJsonFormatsBytes() {
    for (Document doc : EMITTED) {
      assertTrue(
          assertAgree(doc.json(), doc.type(), doc.path()), doc + ": not read by the fast reader");
    }
  }

  @Test
  void everyEmittedDocument_indentedToo() {
    for (Document doc : EMITTED) {
      String indented = doc.json().replace(",\"", ",\n    \"").replace(":", " : ");
      assertAgree(indented, doc.type(), doc.path() + " (indented)");
      assertNotNull(READER.read(indented, doc.type().descriptor()), doc.path());
    }
  }

  @Test
  void sessionsPerProxy_giveTheViolationsOfJsonFormatSessions() {
    Map<String, List<Document>> byProxy = new LinkedHashMap<>();
    EMITTED.forEach(
        d -> byProxy.computeIfAbsent(d.proxy(), p -> new java.util.ArrayList<>()).add(d));
    for (List<Document> docs : byProxy.values()) {
      ValidationSession fast = FAST.session();
      ValidationSession jsonFormat = JSON_FORMAT.session();
      for (Document doc : docs) {
        List<Violation> expected = jsonFormat.validate(doc.json(), doc.type());
        assertEquals(expected, fast.validate(doc.json(), doc.type()), doc.path());
        assertEquals(expected, JSON_FORMAT.validate(doc.json(), doc.type()), doc.path());
      }
    }
  }

  @Test
  void resourcesFromTheMemo_giveTheSameBytes() {
    Map<String, List<Document>> byProxy = new LinkedHashMap<>();
    EMITTED.forEach(
        d -> byProxy.computeIfAbsent(d.proxy(), p -> new java.util.ArrayList<>()).add(d));
    int hits = 0;
    for (List<Document> docs : byProxy.values()) {
      CountingMemo memo = new CountingMemo();
      for (Document doc : docs) {
        byte[] alone = READER.read(doc.json(), doc.type().descriptor());
        assertArrayEquals(
            alone, READER.read(doc.json(), doc.type().descriptor(), memo), doc.path());
      }
      hits += memo.hits;
    }
    assertTrue(hits > EMITTED.size() / 2, "xDS files find their bootstrap's resources: " + hits);
  }

  /** Covers the resource fields, as a session's memo does, and counts what it finds. */
  private static final class CountingMemo implements WireJsonReader.Memo {
    private final Map<String, byte[]> known = new HashMap<>();
    private int hits;

    @Override
    public boolean covers(FieldDescriptor field) {
      String name = field.getFullName();
      return name.equals("envoy.config.bootstrap.v3.Bootstrap.StaticResources.listeners")
          || name.equals("envoy.config.bootstrap.v3.Bootstrap.StaticResources.clusters")
          || name.equals("envoy.service.discovery.v3.DiscoveryResponse.resources");
    }

    @Override
    public byte[] find(Descriptor type, String text) {
      byte[] found = known.get(type.getFullName() + text);
      hits += found == null ? 0 : 1;
      return found;
    }

    @Override
    public void remember(Descriptor type, String text, byte[] wire) {
      known.put(type.getFullName() + text, wire);
    }
  }
}
