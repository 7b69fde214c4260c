package dev.rigging.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real handshakes on 127.0.0.1 between contexts {@link MeshTls} builds from {@link DevCa} files.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MeshTlsTest {
  private static final SpiffeId CALLME = new SpiffeId("demo", "callme");
  private static final String CALLME_SNI = "callme.demo";
  private static final long WAIT_SECONDS = 10;

  @TempDir static Path root;
  private static EventLoopGroup group;
  private static DevCa ca;

  @BeforeAll
  static void start() throws IOException {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ca = DevCa.create("demo", root.resolve("certs"));
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void mutualTls_succeeds_andEachSideSeesTheOthersSpiffeId(TlsEngine engine) throws Exception {
    Path callme = ca.ensureLeaf("callme").directory();
    Path caller = ca.ensureLeaf("caller").directory();

    Handshake handshake =
        handshake(
            MeshTls.server(engine, callme, "demo"),
            MeshTls.client(engine, caller, CALLME, CALLME_SNI));

    assertEquals(SpiffeId.parse("spiffe://demo/caller"), handshake.server().peer().get());
    assertEquals(CALLME, handshake.client().peer().get());
    assertEquals(Optional.of(CALLME_SNI), handshake.server().serverName().get());
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void server_refusesAClientWithoutCertificate(TlsEngine engine) throws Exception {
    Path callme = ca.ensureLeaf("callme").directory();
    SslContext anonymous =
        SslContextBuilder.forClient()
            .sslProvider(SslProvider.JDK)
            .trustManager(callme.resolve(DevCa.CA_FILE).toFile())
            .endpointIdentificationAlgorithm(null)
            .build();

    Handshake handshake = handshake(MeshTls.server(engine, callme, "demo"), anonymous);

    // The same refusal in each engine's words.
    assertRefused(
        handshake.server(),
        engine == TlsEngine.JDK ? "certificate_required" : "PEER_DID_NOT_RETURN_A_CERTIFICATE");
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void server_refusesAClientCertificateOfAnotherCa(TlsEngine engine) throws Exception {
    Path callme = ca.ensureLeaf("callme").directory();
    DevCa stranger = DevCa.create("demo", root.resolve("stranger-" + engine));
    Path strangerCaller = stranger.ensureLeaf("caller").directory();
    // The stranger's own cert and key, but trusting the real mesh CA so that the client itself
    // accepts the server: only the server's check can fail.
    Path client = root.resolve("stranger-client-" + engine);
    Files.createDirectories(client);
    Files.copy(strangerCaller.resolve(DevCa.CERT_FILE), client.resolve(DevCa.CERT_FILE));
    Files.copy(strangerCaller.resolve(DevCa.KEY_FILE), client.resolve(DevCa.KEY_FILE));
    Files.copy(callme.resolve(DevCa.CA_FILE), client.resolve(DevCa.CA_FILE));

    Handshake handshake =
        handshake(
            MeshTls.server(engine, callme, "demo"),
            MeshTls.client(engine, client, CALLME, CALLME_SNI));

    assertRefused(handshake.server(), "PKIX path");
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void server_refusesACertificateOfAnotherMesh_evenFromTheSameCa(TlsEngine engine)
      throws Exception {
    Path callme = ca.ensureLeaf("callme").directory();
    Path client = root.resolve("other-mesh-client-" + engine);
    Files.createDirectories(client);
    KeyPair keys = CertificateFactories.newKeyPair();
    X509Certificate otherMesh = ca.sign(new SpiffeId("other", "caller"), keys);
    Files.writeString(client.resolve(DevCa.CERT_FILE), PemFiles.certificate(otherMesh));
    Files.writeString(client.resolve(DevCa.KEY_FILE), PemFiles.privateKey(keys.getPrivate()));
    Files.copy(callme.resolve(DevCa.CA_FILE), client.resolve(DevCa.CA_FILE));

    Handshake handshake =
        handshake(
            MeshTls.server(engine, callme, "demo"),
            MeshTls.client(engine, client, CALLME, CALLME_SNI));

    assertRefused(handshake.server(), "expected an ID of mesh demo");
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void client_refusesAServerWhoseSanIsNotTheExpectedService(TlsEngine engine) throws Exception {
    Path impostor = ca.ensureLeaf("impostor").directory();
    Path caller = ca.ensureLeaf("caller").directory();

    Handshake handshake =
        handshake(
            MeshTls.server(engine, impostor, "demo"),
            MeshTls.client(engine, caller, CALLME, CALLME_SNI));

    assertRefused(handshake.client(), "expected spiffe://demo/callme");
    // BoringSSL reports a refusal by the trust manager with a generic alert.
    assertRefused(
        handshake.server(),
        engine == TlsEngine.JDK ? "certificate_unknown" : "ALERT_INTERNAL_ERROR");
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void server_refusesAnExpiredClientCertificate(TlsEngine engine) throws Exception {
    Path callme = ca.ensureLeaf("callme").directory();
    // The same CA, eight days ago: its seven-day leaf has expired by now.
    DevCa lastWeek =
        DevCa.load(ca.directory(), Clock.offset(Clock.systemUTC(), Duration.ofDays(-8)));
    Path expired = lastWeek.issueLeaf("caller").directory();

    Handshake handshake =
        handshake(
            MeshTls.server(engine, callme, "demo"),
            MeshTls.client(engine, expired, CALLME, CALLME_SNI));

    assertRefused(handshake.server(), "PKIX path");
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void peerId_isUnknownBeforeTheHandshake(TlsEngine engine) throws Exception {
    SslContext server = MeshTls.server(engine, ca.ensureLeaf("callme").directory(), "demo");

    SslHandler handler = server.newHandler(ByteBufAllocator.DEFAULT);

    assertThrows(SSLPeerUnverifiedException.class, () -> MeshTls.peerId(handler));
    assertEquals(Optional.empty(), MeshTls.requestedServerName(handler));
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void contexts_refuseMissingFiles(TlsEngine engine) {
    Path nowhere = root.resolve("missing");

    assertThrows(IOException.class, () -> MeshTls.server(engine, nowhere, "demo"));
    assertThrows(IOException.class, () -> MeshTls.client(engine, nowhere, CALLME, CALLME_SNI));
  }

  private static void assertRefused(Side side, String reason) throws InterruptedException {
    var failure =
        assertThrows(
            ExecutionException.class, () -> side.peer().get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(
        causeChainMentions(failure, reason), () -> "expected `" + reason + "` in " + failure);
  }

  private static boolean causeChainMentions(Throwable failure, String text) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** What each side saw of one connection. */
  private record Handshake(Side server, Side client) {}

  /** One side's view: the peer's ID or why the handshake failed, and the SNI the server got. */
  private record Side(
      CompletableFuture<SpiffeId> peer, CompletableFuture<Optional<String>> serverName) {
    Side() {
      this(new CompletableFuture<>(), new CompletableFuture<>());
    }
  }

  /** Connects a client to a fresh server and waits until both sides know the outcome. */
  private static Handshake handshake(SslContext serverContext, SslContext clientContext)
      throws InterruptedException {
    Side server = new Side();
    Side client = new Side();
    Channel listener =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(serverContext.newHandler(channel.alloc()), new Probe(server));
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
    try {
      Channel connection =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel
                          .pipeline()
                          .addLast(clientContext.newHandler(channel.alloc()), new Probe(client));
                    }
                  })
              .connect(listener.localAddress())
              .sync()
              .channel();
      try {
        // Both outcomes must be known before the sockets close; failures are read by the test.
        server.peer().handle((id, failure) -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
        client.peer().handle((id, failure) -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError("the handshake did not finish in " + WAIT_SECONDS + " s", e);
      } finally {
        connection.close().sync();
      }
    } finally {
      listener.close().sync();
    }
    return new Handshake(server, client);
  }

  /** Records the handshake outcome; a peer that closes first counts as a failure. */
  private static final class Probe extends ChannelInboundHandlerAdapter {
    private final Side side;

    Probe(Side side) {
      this.side = side;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
      if (event instanceof SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
          SslHandler ssl = context.pipeline().get(SslHandler.class);
          side.serverName().complete(MeshTls.requestedServerName(ssl));
          try {
            side.peer().complete(MeshTls.peerId(ssl));
          } catch (SSLPeerUnverifiedException e) {
            side.peer().completeExceptionally(e);
          }
        } else {
          side.peer().completeExceptionally(done.cause());
        }
      }
      super.userEventTriggered(context, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      side.peer().completeExceptionally(cause);
      context.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
      side.peer().completeExceptionally(new ClosedChannelException());
      super.channelInactive(context);
    }
  }
}
