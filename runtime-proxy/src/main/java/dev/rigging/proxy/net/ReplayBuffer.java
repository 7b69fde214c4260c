package dev.rigging.proxy.net;

import io.netty.handler.codec.http.HttpContent;
import java.util.ArrayList;
import java.util.List;

/**
 * The request body kept for retries and mirrors, up to a limit as Envoy's buffer limit: past it the
 * body is dropped and the request can no longer be replayed.
 */
final class ReplayBuffer {
  private final long limit;
  private final List<HttpContent> pieces = new ArrayList<>();
  private long bytes;
  private boolean overflowed;

  ReplayBuffer(long limit) {
    this.limit = limit;
  }

  /** Keeps a view of {@code content}, which stays owned by the caller. */
  void add(HttpContent content) {
    if (overflowed) {
      return;
    }
    bytes += content.content().readableBytes();
    if (bytes > limit) {
      overflowed = true;
      release();
      return;
    }
    pieces.add(content.retainedDuplicate());
  }

  /** Whether everything received so far is still held. */
  boolean replayable() {
    return !overflowed;
  }

  /** Fresh views of the pieces held, for one more write; the caller owns them. */
  List<HttpContent> copies() {
    List<HttpContent> copies = new ArrayList<>(pieces.size());
    for (HttpContent piece : pieces) {
      copies.add(piece.retainedDuplicate());
    }
    return copies;
  }

  void release() {
    pieces.forEach(HttpContent::release);
    pieces.clear();
  }
}
