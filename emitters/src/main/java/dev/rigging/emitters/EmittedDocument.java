package dev.rigging.emitters;

import java.util.Objects;

/**
 * One file of emitted configuration.
 *
 * @param path where it goes, relative to the output directory and '/'-separated, e.g. {@code
 *     envoy/callme/bootstrap.json}
 * @param content the complete file text: UTF-8 compact JSON on one line, then a trailing newline
 * @param kind what the file holds, which tells a validator the message type to check it against
 * @param origins the {@code .mesh} spans behind the parts of the document
 */
public record EmittedDocument(String path, String content, DocumentKind kind, SourceMap origins) {
  public EmittedDocument {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(origins, "origins");
  }
}
