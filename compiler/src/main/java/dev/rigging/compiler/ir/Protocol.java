package dev.rigging.compiler.ir;

/** The application protocol a service or gateway speaks on its port. */
public enum Protocol {
  HTTP,
  HTTP2,
  GRPC;

  /** Returns whether upstream connections must use HTTP/2. */
  public boolean isHttp2() {
    return this != HTTP;
  }

  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
