package dev.rigging.proxy.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A workload's SPIFFE ID {@code spiffe://<trustDomain>/<workload>}: in Rigging the trust domain is
 * the mesh name and the workload is a service or gateway name.
 *
 * <p>Validation follows the SPIFFE ID specification: scheme {@code spiffe} in lower case; a trust
 * domain of {@code [a-z0-9._-]} only (no port, no user info, at most 255 characters); a non-empty
 * path of segments of {@code [a-zA-Z0-9._-]}, none empty, {@code .} or {@code ..}, no trailing
 * slash; no query, fragment or percent-encoding; at most 2048 bytes in all.
 *
 * @param trustDomain the trust domain, e.g. {@code demo}
 * @param workload the path without its leading slash, e.g. {@code callme}
 */
public record SpiffeId(String trustDomain, String workload) {
  private static final String SCHEME = "spiffe://";
  private static final int MAX_TRUST_DOMAIN_LENGTH = 255;
  private static final int MAX_ID_BYTES = 2048;

  /** The value of {@link X509Certificate#getSubjectAlternativeNames()} entries for a URI. */
  private static final int URI_SAN_TYPE = 6;

  /**
   * Validates both parts.
   *
   * @throws IllegalArgumentException naming the rule the ID breaks
   */
  public SpiffeId {
    checkTrustDomain(trustDomain);
    checkPath(workload);
    if (SCHEME.length() + trustDomain.length() + 1 + workload.length() > MAX_ID_BYTES) {
      // Only ASCII passes the checks above, so characters are bytes.
      throw new IllegalArgumentException("a SPIFFE ID is at most " + MAX_ID_BYTES + " bytes long");
    }
  }

  /**
   * Parses {@code spiffe://<trust domain>/<path>}.
   *
   * @throws IllegalArgumentException when the text is not a SPIFFE ID of a workload
   */
  public static SpiffeId parse(String uri) {
    if (uri.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
      throw new IllegalArgumentException("a SPIFFE ID is at most " + MAX_ID_BYTES + " bytes long");
    }
    if (!uri.startsWith(SCHEME)) {
      throw new IllegalArgumentException(
          "not a SPIFFE ID: `" + uri + "` does not start with `" + SCHEME + "`");
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "`" + uri + "` names a trust domain, not a workload: the path is missing");
    }
    return new SpiffeId(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /**
   * The SPIFFE ID of a certificate: its one URI SAN, as an X.509-SVID carries it.
   *
   * @throws CertificateException when the certificate has no URI SAN, more than one, or one that is
   *     not a valid SPIFFE ID
   */
  public static SpiffeId fromCertificate(X509Certificate certificate) throws CertificateException {
    List<String> uris = uriSans(certificate);
    if (uris.size() != 1) {
      throw new CertificateException(
          "an X.509-SVID has exactly one URI SAN, this certificate has "
              + uris.size()
              + " ("
              + certificate.getSubjectX500Principal().getName()
              + ")");
    }
    try {
      return parse(uris.getFirst());
    } catch (IllegalArgumentException e) {
      throw new CertificateException("the certificate's URI SAN is not a SPIFFE ID", e);
    }
  }

  /** The URI form, {@code spiffe://<trustDomain>/<workload>}. */
  public String uri() {
    return SCHEME + trustDomain + "/" + workload;
  }

  /** Same as {@link #uri()}, so IDs print as they appear in certificates and RBAC principals. */
  @Override
  public String toString() {
    return uri();
  }

  private static List<String> uriSans(X509Certificate certificate)
      throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    List<String> uris = new ArrayList<>();
    if (names != null) {
      for (List<?> name : names) {
        if (name.get(0) instanceof Integer type && type == URI_SAN_TYPE) {
          uris.add((String) name.get(1));
        }
      }
    }
    return uris;
  }

  private static void checkTrustDomain(String trustDomain) {
    if (trustDomain == null || trustDomain.isEmpty()) {
      throw new IllegalArgumentException("a SPIFFE trust domain cannot be empty");
    }
    if (trustDomain.length() > MAX_TRUST_DOMAIN_LENGTH) {
      throw new IllegalArgumentException(
          "a SPIFFE trust domain is at most " + MAX_TRUST_DOMAIN_LENGTH + " characters long");
    }
    for (int i = 0; i < trustDomain.length(); i++) {
      char c = trustDomain.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_')) {
        throw new IllegalArgumentException(
            "SPIFFE trust domain `"
                + trustDomain
                + "` may hold only lower-case letters, digits, `.`, `-` and `_`, not `"
                + c
                + "`");
      }
    }
  }

  private static void checkPath(String workload) {
    if (workload == null || workload.isEmpty()) {
      throw new IllegalArgumentException("a workload's SPIFFE ID needs a path");
    }
    for (String segment : workload.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException(
            "SPIFFE path `/" + workload + "` has an empty segment or a trailing slash");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "SPIFFE path `/" + workload + "` may not contain `.` or `..` segments");
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (!(c >= 'a' && c <= 'z'
            || c >= 'A' && c <= 'Z'
            || c >= '0' && c <= '9'
            || c == '.'
            || c == '-'
            || c == '_')) {
          throw new IllegalArgumentException(
              "SPIFFE path `/"
                  + workload
                  + "` may hold only letters, digits, `.`, `-` and `_` in a segment, not `"
                  + c
                  + "`");
        }
      }
    }
  }
}
