package dev.rigging.proxy.log;

import java.util.Optional;

/** One piece of a parsed format string: literal text or a command operator. */
sealed interface FormatPart {

  /** Literal text between operators. */
  record Text(String text) implements FormatPart {}

  /** {@code %REQ(main?alternative):maxLength%}: a request header, or the second when absent. */
  record RequestHeader(String main, Optional<String> alternative, int maxLength)
      implements FormatPart {}

  /** An operator without argument. */
  record Simple(Field field, int maxLength) implements FormatPart {}

  /** The operators without argument the proxy fills, each with whether its value is a number. */
  enum Field {
    START_TIME(false),
    DURATION(true),
    RESPONSE_CODE(true),
    RESPONSE_FLAGS(false),
    BYTES_RECEIVED(true),
    BYTES_SENT(true),
    PROTOCOL(false),
    UPSTREAM_CLUSTER(false),
    UPSTREAM_HOST(false),
    ROUTE_NAME(false),
    DOWNSTREAM_REMOTE_ADDRESS(false),
    DOWNSTREAM_PEER_URI_SAN(false);

    final boolean numeric;

    Field(boolean numeric) {
      this.numeric = numeric;
    }
  }

  /** No length limit. */
  int UNLIMITED = Integer.MAX_VALUE;
}
