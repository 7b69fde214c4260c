package dev.rigging.validators;

import static dev.rigging.validators.ParseAgreement.FAST;
import static dev.rigging.validators.ParseAgreement.JSON_FORMAT;
import static dev.rigging.validators.ParseAgreement.READER;
import static dev.rigging.validators.ParseAgreement.TYPES;
import static dev.rigging.validators.ParseAgreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.validators.ParseAgreement.Document;
import java.util.ArrayList;
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
    EMITTED.forEach(d -> byProxy.computeIfAbsent(d.proxy(), p -> new ArrayList<>()).add(d));
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
  void resourcesFromTheCache_giveTheBytesOfTheWholeText() {
    Map<String, List<Document>> byProxy = new LinkedHashMap<>();
    EMITTED.forEach(d -> byProxy.computeIfAbsent(d.proxy(), p -> new ArrayList<>()).add(d));
    int read = 0;
    int found = 0;
    for (List<Document> docs : byProxy.values()) {
      ResourceCache cache = new ResourceCache(READER);
      for (Document doc : docs) {
        byte[] whole = READER.read(doc.json(), doc.type().descriptor());
        assertNotNull(whole, doc.path());
        assertArrayEquals(whole, cache.read(doc.json(), doc.type()), doc.path());
      }
      read += cache.resourcesRead();
      found += cache.resourcesFound();
    }
    // The xDS clusters and inbound listeners are those of the bootstrap.
    assertTrue(found > read / 2, "resources read: " + read + ", found: " + found);
  }

  /** Objects read before give the bytes a reading of the whole text without them gives. */
  @Test
  void knownObjects_giveTheBytesOfAReadingWithoutThem() {
    Map<String, List<Document>> byProxy = new LinkedHashMap<>();
    EMITTED.forEach(d -> byProxy.computeIfAbsent(d.proxy(), p -> new ArrayList<>()).add(d));
    int found = 0;
    for (List<Document> docs : byProxy.values()) {
      KnownObjects<WireJsonReader.Read> known = new KnownObjects<>();
      for (Document doc : docs) {
        byte[] plain = READER.read(doc.json(), doc.type().descriptor());
        assertArrayEquals(
            plain, READER.read(doc.json(), doc.type().descriptor(), known), doc.path());
      }
      found += known.found();
    }
    // Inbound filter chains share their filters; the bootstrap's route config is routes.json's.
    assertTrue(found > EMITTED.size(), "objects found: " + found);
  }

  /**
   * An object read where its nesting had room may come again deeper, where it has none: there the
   * reader must give up as it does without the memo. RBAC permissions nest two messages deep per
   * level; the object comes first at the top, then under {@code wrappers} more levels.
   */
  @Test
  void aKnownObjectTooDeepWhereItComesAgain_isNotTaken() {
    var permission = TYPES.find("type.googleapis.com/envoy.config.rbac.v3.Permission");
    int wrappers = 6;
    int limitedAt = -1;
    for (int levels = 1; levels <= 34; levels++) {
      String object = nested(levels, "{\"header\":{\"name\":\":method\",\"present_match\":true}}");
      String json = "{\"and_rules\":{\"rules\":[" + object + "," + nested(wrappers, object) + "]}}";
      KnownObjects<WireJsonReader.Read> known = new KnownObjects<>();
      byte[] plain = READER.read(json, permission);
      assertArrayEquals(plain, READER.read(json, permission, known), "levels " + levels);
      if (plain == null && limitedAt < 0) {
        limitedAt = levels;
        assertTrue(known.found() > 0, "the object was known, and not taken");
        assertNotNull(READER.read(object, permission), "alone it fits");
      }
    }
    assertTrue(limitedAt > 0, "some nesting is too deep");
  }

  /** {@code inner} as the only rule of {@code levels} nested {@code and_rules}. */
  private static String nested(int levels, String inner) {
    return "{\"and_rules\":{\"rules\":[".repeat(levels) + inner + "]}}".repeat(levels);
  }
}
