package dev.rigging.validators;

import static dev.rigging.validators.ParseAgreement.FAST;
import static dev.rigging.validators.ParseAgreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rigging.validators.ParseAgreement.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast reader on broken and unusual documents, made from emitted ones: it must give up wherever
 * {@code JsonFormat} rejects, and the validator must report exactly what it reported without it.
 * The named cases are rejected for certain; the others only have to agree.
 */
class WireJsonReaderBrokenTest {

  private static final List<Document> EMITTED = ParseAgreement.emittedDocuments();

  /** The gateway bootstrap: routes, clusters with circuit breakers and outlier detection. */
  private static final Document BOOTSTRAP =
      find("bookinfo/circuit-breaking: envoy/bookinfo-gateway/bootstrap");

  /** Its listeners as xDS: {@code Any}s holding listeners. */
  private static final Document LISTENERS =
      find("bookinfo/circuit-breaking: envoy/reviews/listeners");

  @Test
  void unknownField_rejected() {
    rejected(before(BOOTSTRAP, "\"port_value\":", "\"bogus\":1,"));
    rejected(before(BOOTSTRAP, "\"stat_prefix\":", "\"statPrefixx\":\"x\","));
    rejected(before(BOOTSTRAP, "\"node\":", "\"bogus\":{},"));
    rejected(before(LISTENERS, "\"name\":", "\"@bogus\":\"x\","));
    rejected(before(BOOTSTRAP, "\"max_connections\":", "\"max_connection\":1,"));
  }

  @Test
  void wrongType_rejected() {
    for (String value :
        List.of("\"8091x\"", "{}", "[]", "[1, 2]", "1.5", "true", "\"\"", "\" 1\"")) {
      rejected(withValue(BOOTSTRAP, "port_value", value));
    }
    for (String value : List.of("[]", "{}", "[\"a\", \"b\"]")) {
      rejected(withValue(BOOTSTRAP, "stat_prefix", value));
    }
    for (String value : List.of("1", "\"yes\"", "[]", "{}")) {
      rejected(withValue(BOOTSTRAP, "normalize_path", value));
    }
    rejected(withValue(BOOTSTRAP, "listeners", "{}"));
    rejected(withValue(BOOTSTRAP, "listeners", "[1]"));
    rejected(withValue(BOOTSTRAP, "listeners", "[[]]"));
    rejected(withValue(BOOTSTRAP, "socket_address", "\"127.0.0.1:80\""));
    rejected(withValue(BOOTSTRAP, "timeout", "5"));
    rejected(withValue(BOOTSTRAP, "timeout", "\"5\""));
    rejected(withValue(BOOTSTRAP, "timeout", "{\"seconds\":5}"));
    rejected(withValue(BOOTSTRAP, "max_connections", "\"many\""));
    rejected(withValue(BOOTSTRAP, "max_connections", "{\"value\":1}"));
  }

  @Test
  void badEnum_rejected() {
    rejected(withValue(BOOTSTRAP, "codec_type", "\"AUTOMATIC\""));
    rejected(withValue(BOOTSTRAP, "codec_type", "\"auto\""));
    rejected(withValue(BOOTSTRAP, "codec_type", "true"));
    rejected(withValue(BOOTSTRAP, "codec_type", "1.5"));
    rejected(withValue(BOOTSTRAP, "lb_policy", "\"\""));
    rejected(withValue(BOOTSTRAP, "lb_policy", "{}"));
  }

  @Test
  void badTypedConfigType_rejected() {
    String hcm =
        "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
    String router = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";
    rejected(replace(BOOTSTRAP, hcm, "type.googleapis.com/envoy.Nope"));
    rejected(replace(BOOTSTRAP, hcm, "HttpConnectionManager"));
    rejected(replace(BOOTSTRAP, hcm, "type.googleapis.com/"));
    rejected(replace(BOOTSTRAP, hcm, ""));
    rejected(replace(BOOTSTRAP, hcm, router)); // fields of the HCM are unknown to the router
    rejected(replace(BOOTSTRAP, "\"@type\":\"" + hcm + "\",", ""));
    rejected(replace(BOOTSTRAP, "{\"@type\":\"" + hcm + "\"", "{\"@type\":1"));
    rejected(
        replace(
            LISTENERS,
            "\"@type\":\"type.googleapis.com/envoy.config.listener.v3.Listener\"",
            "\"@type\":\"type.googleapis.com/envoy.config.listener.v3.Nope\""));
    String cluster = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
    rejected(
        replace(
            LISTENERS,
            "type.googleapis.com/envoy.config.listener.v3.Listener\",\"name\"",
            cluster + "\",\"name\""));
  }

  @Test
  void duplicateKeys_rejected() {
    rejected(before(BOOTSTRAP, "\"port_value\":", "\"port_value\":1,"));
    rejected(before(BOOTSTRAP, "\"port_value\":", "\"portValue\":1,"));
    rejected(before(BOOTSTRAP, "\"stat_prefix\":", "\"statPrefix\":\"x\","));
    rejected(before(BOOTSTRAP, "\"listeners\":", "\"listeners\":[],"));
    rejected(before(BOOTSTRAP, "\"codec_type\":", "\"codecType\":\"HTTP1\","));
    rejected(before(LISTENERS, "\"name\":", "\"@type\":\"x/y\","));
  }

  @Test
  void outOfRangeIntegers_rejected() {
    for (String value :
        List.of(
            "4294967296",
            "-1",
            "99999999999999999999",
            "\"4294967296\"",
            "\"-1\"",
            "1e10",
            "8091.5")) {
      rejected(withValue(BOOTSTRAP, "port_value", value));
      rejected(withValue(BOOTSTRAP, "max_connections", value));
    }
    rejected(withValue(BOOTSTRAP, "timeout", "\"315576000001s\""));
  }

  @Test
  void oneofTwice_rejected() {
    rejected(before(BOOTSTRAP, "\"socket_address\":", "\"pipe\":{\"path\":\"/x\"},"));
  }

  @Test
  void unusualButAccepted_agree() {
    // Forms JsonFormat accepts that rig does not write: the fast reader may leave them to it.
    agree(withValue(BOOTSTRAP, "port_value", "\"8091\""));
    agree(withValue(BOOTSTRAP, "port_value", "8091.0"));
    agree(withValue(BOOTSTRAP, "port_value", "0"));
    agree(withValue(BOOTSTRAP, "port_value", "-0"));
    agree(withValue(BOOTSTRAP, "port_value", "null"));
    agree(
        withValue(BOOTSTRAP, "port_value", "[1]")); // Gson reads a one-element array as its element
    agree(withValue(BOOTSTRAP, "timeout", "\"1.0000000001s\""));
    agree(withValue(BOOTSTRAP, "normalize_path", "\"true\""));
    agree(withValue(BOOTSTRAP, "normalize_path", "false"));
    agree(withValue(BOOTSTRAP, "codec_type", "1"));
    agree(withValue(BOOTSTRAP, "codec_type", "\"AUTO\""));
    agree(withValue(BOOTSTRAP, "codec_type", "null"));
    agree(withValue(BOOTSTRAP, "stat_prefix", "\"\""));
    agree(withValue(BOOTSTRAP, "stat_prefix", "123")); // Gson gives any primitive as a string
    agree(withValue(BOOTSTRAP, "stat_prefix", "true"));
    agree(withValue(BOOTSTRAP, "stat_prefix", "\"caf\\u00e9 \\ud83d\\ude00 \\ud800\""));
    agree(withValue(BOOTSTRAP, "max_connections", "0"));
    agree(withValue(BOOTSTRAP, "max_connections", "\"7\""));
    agree(withValue(BOOTSTRAP, "timeout", "\"-1s\""));
    agree(withValue(BOOTSTRAP, "timeout", "\"0.000000001s\""));
    agree(withValue(BOOTSTRAP, "timeout", "\"-0.5s\""));
    agree(withValue(BOOTSTRAP, "listeners", "[]"));
    agree(withValue(BOOTSTRAP, "listeners", "null"));
    agree(withValue(BOOTSTRAP, "listeners", "[{}]"));
    agree(before(BOOTSTRAP, "\"port_value\":", "\"portValue\":0,"));
    agree(replace(BOOTSTRAP, "\"stat_prefix\"", "\"statPrefix\""));
    agree(
        replace(
            LISTENERS,
            "{\"@type\":\"type.googleapis.com/envoy.config.listener.v3.Listener\",",
            "{"));
  }

  /** Random edits of random emitted documents, from a fixed seed. */
  @Test
  void randomEdits_agree() {
    Random random = new Random(20261121);
    String[] values = {
      "null",
      "0",
      "-1",
      "1",
      "2147483648",
      "4294967296",
      "1.5",
      "1e3",
      "true",
      "false",
      "\"\"",
      "\"x\"",
      "\"5s\"",
      "\"AUTO\"",
      "\"1\"",
      "{}",
      "[]",
      "[null]",
      "[{}]",
      "{\"@type\":\"x/y\"}",
    };
    int read = 0;
    for (int i = 0; i < 600; i++) {
      Document doc = EMITTED.get(random.nextInt(EMITTED.size()));
      List<int[]> keys = keys(doc.json());
      int[] key = keys.get(random.nextInt(keys.size()));
      String json = doc.json();
      String name = json.substring(key[0] + 1, key[1] - 1);
      JsonSlices.Slice value = JsonSlices.value(json, key[1] + 1);
      String edited =
          switch (random.nextInt(5)) {
            case 0 ->
                splice(json, value.start(), value.end(), values[random.nextInt(values.length)]);
            case 1 -> splice(json, key[0], key[1], "\"" + camel(name) + "\"");
            case 2 -> splice(json, key[0], key[0], json.substring(key[0], value.end()) + ",");
            case 3 -> splice(json, key[0], key[1], "\"" + name + "x\"");
            default ->
                splice(
                    json,
                    key[0],
                    key[0],
                    "\"" + camel(name) + "\":" + values[random.nextInt(values.length)] + ",");
          };
      read += assertAgree(edited, doc.type(), doc.path() + " edit " + i) ? 1 : 0;
    }
    assertTrue(read > 100, "the fast reader read some edited documents: " + read);
  }

  private static void rejected(String json, EnvoyType type) {
    assertAgree(json, type, "broken");
    assertFalse(FAST.validate(json, type).isEmpty(), () -> "accepted:\n" + json);
  }

  private static void rejected(Document doc) {
    rejected(doc.json(), doc.type());
  }

  private static void agree(Document doc) {
    assertAgree(doc.json(), doc.type(), "unusual");
  }

  private static Document find(String path) {
    return EMITTED.stream()
        .filter(d -> d.path().startsWith(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no emitted document " + path));
  }

  private static Document replace(Document doc, String what, String with) {
    assertTrue(doc.json().contains(what), () -> doc + " has no " + what);
    return new Document(
        doc.path(),
        doc.proxy(),
        doc.type(),
        doc.json()
            .replaceFirst(
                java.util.regex.Pattern.quote(what),
                java.util.regex.Matcher.quoteReplacement(with)));
  }

  private static Document before(Document doc, String key, String member) {
    return replace(doc, key, member + key);
  }

  private static Document withValue(Document doc, String key, String value) {
    String json = doc.json();
    int at = json.indexOf("\"" + key + "\":");
    assertTrue(at >= 0, () -> doc + " has no " + key);
    JsonSlices.Slice slice = JsonSlices.value(json, at + key.length() + 3);
    return new Document(
        doc.path(), doc.proxy(), doc.type(), splice(json, slice.start(), slice.end(), value));
  }

  /**
   * Where each member's key is in a compact document: from its opening quote to past its colon
   * minus one.
   */
  private static List<int[]> keys(String json) {
    List<int[]> keys = new ArrayList<>();
    for (int at = json.indexOf("\":"); at >= 0; at = json.indexOf("\":", at + 1)) {
      int start = json.lastIndexOf('"', at - 1);
      char before = start > 0 ? json.charAt(start - 1) : ' ';
      if (before == '{' || before == ',') {
        keys.add(new int[] {start, at + 1});
      }
    }
    return keys;
  }

  private static String splice(String json, int start, int end, String with) {
    return json.substring(0, start) + with + json.substring(end);
  }

  private static String camel(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
