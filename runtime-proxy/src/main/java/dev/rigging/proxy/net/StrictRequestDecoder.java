package dev.rigging.proxy.net;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, except that a message carrying both Content-Length and chunked
 * Transfer-Encoding is marked failed instead of having its Content-Length silently dropped: a proxy
 * must refuse such a request, not repair it.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
  StrictRequestDecoder(ProxyLimits limits) {
    super(
        new HttpDecoderConfig()
            .setMaxInitialLineLength(limits.maxInitialLineLength())
            .setMaxHeaderSize(limits.maxHeaderSize())
            .setMaxChunkSize(limits.maxChunkSize())
            .setAllowDuplicateContentLengths(false)
            .setStrictLineParsing(true)
            .setValidateHeaders(true));
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    message.setDecoderResult(
        DecoderResult.failure(
            new IllegalArgumentException("both Content-Length and Transfer-Encoding")));
  }
}
