package dev.rigging.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Objects are found again by their exact text and kind only, wherever they stand. */
class KnownObjectsTest {

  private static final Object KIND = new Object();
  private static final String OBJECT =
      "{\"name\":\"outbound|8080||reviews.bookinfo\",\"type\":\"STATIC\",\"connect_timeout\":\"1s\"}";
  private static final String OTHER = OBJECT.replace("reviews", "ratings");

  @Test
  void anObjectIsFoundWhereverItsTextStands() {
    KnownObjects<String> known = new KnownObjects<>();
    String first = "{\"a\":" + OBJECT + "}";
    known.put(KIND, first, 5, 5 + OBJECT.length(), KnownObjects.fingerprint(first, 5), "seen");
    String second = "[1,2," + OBJECT + ",3]";
    var found = known.find(KIND, second, 5, KnownObjects.fingerprint(second, 5));
    assertEquals("seen", found.value());
    assertEquals(OBJECT.length(), found.length());
  }

  @Test
  void anotherTextOrKind_isNotFound() {
    KnownObjects<String> known = new KnownObjects<>();
    known.put(KIND, OBJECT, 0, OBJECT.length(), KnownObjects.fingerprint(OBJECT, 0), "seen");
    assertNull(known.find(KIND, OTHER, 0, KnownObjects.fingerprint(OTHER, 0)));
    assertNull(known.find(new Object(), OBJECT, 0, KnownObjects.fingerprint(OBJECT, 0)));
    // The same first characters, cut short: not the object.
    String cut = OBJECT.substring(0, OBJECT.length() - 1);
    assertNull(known.find(KIND, cut, 0, KnownObjects.fingerprint(cut, 0)));
  }

  /**
   * Same length, and the same characters at every fourth position: compared in full all the same.
   */
  @Test
  void aFingerprintClash_isToldApart() {
    char[] chars = OBJECT.toCharArray();
    int at = OBJECT.indexOf("reviews") | 1; // not a multiple of four: not sampled
    chars[at] = Character.toUpperCase(chars[at]);
    String clash = new String(chars);
    assertEquals(KnownObjects.fingerprint(OBJECT, 0), KnownObjects.fingerprint(clash, 0));
    KnownObjects<String> known = new KnownObjects<>();
    known.put(KIND, OBJECT, 0, OBJECT.length(), KnownObjects.fingerprint(OBJECT, 0), "reviews");
    known.put(KIND, clash, 0, clash.length(), KnownObjects.fingerprint(clash, 0), "clash");
    assertEquals(
        "reviews", known.find(KIND, OBJECT, 0, KnownObjects.fingerprint(OBJECT, 0)).value());
    assertEquals("clash", known.find(KIND, clash, 0, KnownObjects.fingerprint(clash, 0)).value());
  }

  @Test
  void shortObjects_areNotKept() {
    KnownObjects<String> known = new KnownObjects<>();
    String small = "{\"a\":1}";
    known.put(KIND, small, 0, small.length(), KnownObjects.fingerprint(small, 0), "small");
    assertNull(known.find(KIND, small, 0, KnownObjects.fingerprint(small, 0)));
  }

  @Test
  void thousandsOfObjects_areAllFound() {
    KnownObjects<Integer> known = new KnownObjects<>();
    for (int i = 0; i < 5000; i++) {
      String text = OBJECT.replace("8080", String.valueOf(10000 + i));
      known.put(KIND, text, 0, text.length(), KnownObjects.fingerprint(text, 0), i);
    }
    for (int i = 0; i < 5000; i++) {
      String text = OBJECT.replace("8080", String.valueOf(10000 + i));
      assertEquals(i, known.find(KIND, text, 0, KnownObjects.fingerprint(text, 0)).value());
    }
  }
}
