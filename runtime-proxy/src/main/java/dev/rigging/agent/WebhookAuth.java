package dev.rigging.agent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a webhook call knows the shared secret, the ways Git hosts prove it: GitHub's
 * {@code X-Hub-Signature-256} HMAC of the body, GitLab's {@code X-Gitlab-Token}, or our own {@code
 * X-Rig-Token}. Comparisons take constant time.
 */
final class WebhookAuth {
  private final Optional<String> secret;

  WebhookAuth(Optional<String> secret) {
    this.secret = secret;
  }

  /**
   * Returns whether the call may trigger a fetch.
   *
   * @param header looks a request header up by name, case-insensitively
   */
  boolean allows(java.util.function.Function<String, String> header, byte[] body) {
    if (secret.isEmpty()) {
      return true;
    }
    byte[] key = secret.get().getBytes(StandardCharsets.UTF_8);
    String signature = header.apply("X-Hub-Signature-256");
    if (signature != null && signature.startsWith("sha256=")) {
      return equal(signature.substring(7).getBytes(StandardCharsets.US_ASCII), hmac(key, body));
    }
    for (String name : new String[] {"X-Gitlab-Token", "X-Rig-Token"}) {
      String token = header.apply(name);
      if (token != null) {
        return equal(token.getBytes(StandardCharsets.UTF_8), key);
      }
    }
    return false;
  }

  private static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
    }
  }

  private static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
