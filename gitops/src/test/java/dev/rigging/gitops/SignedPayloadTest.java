package dev.rigging.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedPayloadTest {
  @Test
  void gpgsigHeaderAndItsContinuationLines_areRemoved_messageKept() {
    String raw =
        "tree 1\nparent 2\nauthor a\ncommitter c\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n"
            + " abc\n -----END PGP SIGNATURE-----\n\nmessage\n gpgsig lookalike in body\n";
    String payload =
        new String(
            SignatureVerifier.signedPayload(raw.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);
    assertEquals(
        "tree 1\nparent 2\nauthor a\ncommitter c\n\nmessage\n gpgsig lookalike in body\n", payload);
  }
}
