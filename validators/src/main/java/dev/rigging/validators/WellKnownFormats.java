package dev.rigging.validators;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * PGV's {@code well_known} string formats, as hand-written scanners rather than regexes because
 * header names and values are checked on nearly every route and the scanners allocate nothing.
 */
final class WellKnownFormats {

  private WellKnownFormats() {}

  /**
   * RFC 7230 token, optionally behind a leading {@code :} for HTTP/2 pseudo-headers. Same set as
   * PGV's {@code ^:?[0-9a-zA-Z!#$%&'*+-.^_|~\x60]+$}, whose {@code +-.} is a range that also admits
   * {@code ,}.
   */
  static boolean isStrictHeaderName(String s) {
    int start = s.startsWith(":") ? 1 : 0;
    if (s.length() == start) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '+' && c <= '.')
              || "!#$%&'^_|~`*".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 7230 field value: no control characters but horizontal tab ({@code
   * [^\x00-\x08\x0A-\x1F\x7F]*}).
   */
  static boolean isStrictHeaderValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** The loose header check ({@code strict: false}): only NUL, CR and LF are refused. */
  static boolean hasNoNulCrLf(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * RFC 1034 host name: dot-separated labels of 1-63 letters, digits and inner hyphens, 253 chars
   * at most.
   */
  static boolean isHostname(String s) {
    if (s.length() > 253) {
      return false;
    }
    String host = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    int labelStart = 0;
    for (int i = 0; i <= host.length(); i++) {
      if (i == host.length() || host.charAt(i) == '.') {
        int len = i - labelStart;
        if (len == 0 || len > 63 || host.charAt(labelStart) == '-' || host.charAt(i - 1) == '-') {
          return false;
        }
        labelStart = i + 1;
        continue;
      }
      char c = host.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Dotted-quad IPv4 address, four decimal octets without leading zeros. */
  static boolean isIpv4(String s) {
    int octets = 0;
    int i = 0;
    while (octets < 4) {
      int start = i;
      int value = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int len = i - start;
      if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
        return false;
      }
      octets++;
      if (octets < 4) {
        if (i >= s.length() || s.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    return i == s.length();
  }

  /**
   * IPv6 address without brackets or zone: eight hex groups, one {@code ::} elision, optional IPv4
   * tail.
   */
  static boolean isIpv6(String s) {
    int elision = s.indexOf("::");
    if (elision >= 0 && s.indexOf("::", elision + 1) >= 0) {
      return false;
    }
    if (elision >= 0) {
      String head = s.substring(0, elision);
      String tail = s.substring(elision + 2);
      int groups = countGroups(head, false) + countGroups(tail, true);
      return countGroups(head, false) >= 0 && countGroups(tail, true) >= 0 && groups <= 7;
    }
    return countGroups(s, true) == 8;
  }

  /**
   * Number of 16-bit groups in a colon-separated run (an IPv4 tail counts two), or -1 if malformed.
   */
  private static int countGroups(String run, boolean ipv4TailAllowed) {
    if (run.isEmpty()) {
      return 0;
    }
    String[] groups = run.split(":", -1);
    int count = 0;
    for (int g = 0; g < groups.length; g++) {
      String group = groups[g];
      if (g == groups.length - 1 && ipv4TailAllowed && group.indexOf('.') >= 0) {
        if (!isIpv4(group)) {
          return -1;
        }
        count += 2;
        continue;
      }
      if (group.isEmpty() || group.length() > 4) {
        return -1;
      }
      for (int i = 0; i < group.length(); i++) {
        if (Character.digit(group.charAt(i), 16) < 0) {
          return -1;
        }
      }
      count++;
    }
    return count;
  }

  static boolean isIp(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  /** PGV's {@code address}: a host name or an IP address. */
  static boolean isAddress(String s) {
    return isIp(s) || isHostname(s);
  }

  /**
   * RFC 5322 address reduced to what PGV checks: a local part of at most 64 chars, {@code @}, a
   * host name.
   */
  static boolean isEmail(String s) {
    String address = s;
    int open = s.indexOf('<');
    if (open >= 0 && s.endsWith(">")) {
      address = s.substring(open + 1, s.length() - 1);
    }
    int at = address.lastIndexOf('@');
    if (address.length() > 254 || at <= 0 || at > 64) {
      return false;
    }
    for (int i = 0; i < at; i++) {
      char c = address.charAt(i);
      if (c <= ' ' || "()<>[]:;@\\,\"".indexOf(c) >= 0) {
        return false;
      }
    }
    return isHostname(address.substring(at + 1));
  }

  /** Absolute RFC 3986 URI (has a scheme). */
  static boolean isUri(String s) {
    URI uri = parseUri(s);
    return uri != null && uri.isAbsolute();
  }

  /** RFC 3986 URI reference, relative or absolute. */
  static boolean isUriRef(String s) {
    return parseUri(s) != null;
  }

  /** RFC 4122 textual UUID: 8-4-4-4-12 hex digits. */
  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static URI parseUri(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      // Not a URI: the caller reports the rule failure.
      return null;
    }
  }
}
