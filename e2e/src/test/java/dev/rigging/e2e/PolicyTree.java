package dev.rigging.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of a policy tree from the repository's {@code policies/} in a temporary directory, with
 * every port the policies name (listener, outbound and endpoint ports) moved to a free one, so
 * tests never collide with each other or with anything else on the machine, and with text edits
 * that make a variant (a shorter delay, a different split).
 */
final class PolicyTree {
  /** The repository's policies, relative to the e2e module directory surefire runs in. */
  static final Path POLICIES = Path.of("..", "policies");

  private static final Pattern PORTS =
      Pattern.compile("(?<=\\bport |\\boutbound |127\\.0\\.0\\.1:)(\\d{2,5})\\b");

  private final String tree;
  private final Path root;
  private final Map<Integer, Integer> ports;

  private PolicyTree(String tree, Path root, Map<Integer, Integer> ports) {
    this.tree = tree;
    this.root = root;
    this.ports = ports;
  }

  /**
   * Copies {@code policies/<tree>} to {@code target}, applying {@code edits} (literal text, in
   * order, each of which must occur somewhere) and a fresh port for every port.
   */
  static PolicyTree copy(String tree, Path target, Map<String, String> edits) throws IOException {
    return copy(tree, target, edits, new HashMap<>());
  }

  /** Another copy of the same tree with other edits and the same ports as this one. */
  PolicyTree variant(Path target, Map<String, String> edits) throws IOException {
    return copy(tree, target, edits, new HashMap<>(ports));
  }

  private static PolicyTree copy(
      String tree, Path target, Map<String, String> edits, Map<Integer, Integer> ports)
      throws IOException {
    Map<String, String> pending = new LinkedHashMap<>(edits);
    Path source = POLICIES.resolve(tree);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(p -> p.toString().endsWith(".mesh")).sorted().toList();
    }
    for (Path file : files) {
      String text = Files.readString(file);
      for (Map.Entry<String, String> edit : edits.entrySet()) {
        if (text.contains(edit.getKey())) {
          text = text.replace(edit.getKey(), edit.getValue());
          pending.remove(edit.getKey());
        }
      }
      Matcher matcher = PORTS.matcher(text);
      StringBuilder moved = new StringBuilder();
      while (matcher.find()) {
        int port =
            ports.computeIfAbsent(
                Integer.parseInt(matcher.group(1)), p -> freePortNotIn(ports.values()));
        matcher.appendReplacement(moved, Integer.toString(port));
      }
      matcher.appendTail(moved);
      Path copy = target.resolve(source.relativize(file).toString());
      Files.createDirectories(copy.getParent());
      Files.writeString(copy, moved.toString());
    }
    if (!pending.isEmpty()) {
      throw new IllegalArgumentException("edits matched no policy text: " + pending.keySet());
    }
    return new PolicyTree(tree, target, Map.copyOf(ports));
  }

  Path root() {
    return root;
  }

  /** The port that stands for {@code original} in the copy. */
  int port(int original) {
    Integer port = ports.get(original);
    if (port == null) {
      throw new IllegalArgumentException("the policies name no port " + original);
    }
    return port;
  }

  /**
   * A free port that is none of {@code taken}: the kernel may hand out a port again once the socket
   * that found it is closed, and two services on one port fail the compile (MESH0502).
   */
  private static int freePortNotIn(java.util.Collection<Integer> taken) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = freePort();
      if (!taken.contains(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port outside " + taken);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
