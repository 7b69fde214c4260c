package dev.rigging.proxy.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.rigging.proxy.config.ConfigHash;
import dev.rigging.proxy.config.ConfigLoadException;
import dev.rigging.proxy.config.ProxyConfigLoader;
import dev.rigging.proxy.config.ProxySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the proxy's configuration lives: a {@code bootstrap.json} file, or a directory of the xDS
 * files {@code rig compile} writes (listeners, clusters, routes, with the bootstrap beside them).
 * The path may be a symbolic link that a deployment agent re-points; every load resolves it afresh
 * and reads one directory, so a load never mixes two configurations.
 */
public record ConfigSource(Path path) {

  public ConfigSource {
    Objects.requireNonNull(path, "path");
  }

  /**
   * One load: the snapshot and how to name it.
   *
   * @param hash {@link ConfigHash} of the directory read
   * @param version the xDS {@code version_info}, or {@code static} for a bootstrap file
   * @param source the resolved file or directory
   */
  public record Loaded(ProxySnapshot snapshot, String hash, String version, Path source) {}

  /** Reads and checks the configuration as it is now. */
  public Loaded load() throws IOException, ConfigLoadException {
    if (!Files.exists(path)) {
      throw new ConfigLoadException(
          path.toString(), java.util.List.of("no such file or directory"));
    }
    Path real = path.toRealPath();
    ProxyConfigLoader loader = new ProxyConfigLoader();
    if (!Files.isDirectory(real)) {
      ProxySnapshot snapshot = loader.load(real);
      return new Loaded(snapshot, ConfigHash.ofDirectory(real.getParent()), "static", real);
    }
    Path listeners = real.resolve("listeners.json");
    Path bootstrap = real.resolve("bootstrap.json");
    if (Files.isRegularFile(listeners)) {
      String nodeId = nodeId(bootstrap).orElse(path.getFileName().toString());
      ProxySnapshot snapshot = loader.loadXds(real, nodeId);
      return new Loaded(snapshot, ConfigHash.ofDirectory(real), versionInfo(listeners), real);
    }
    if (Files.isRegularFile(bootstrap)) {
      return new Loaded(loader.load(bootstrap), ConfigHash.ofDirectory(real), "static", real);
    }
    throw new ConfigLoadException(
        real.toString(), java.util.List.of("holds neither listeners.json nor bootstrap.json"));
  }

  /**
   * The bootstrap's {@code admin.address}, when the bootstrap (the file, or {@code bootstrap.json}
   * in the directory) names one; it is where the admin listener goes unless told otherwise.
   */
  public java.util.Optional<java.net.InetSocketAddress> adminAddress() throws IOException {
    Path bootstrap = Files.isDirectory(path) ? path.resolve("bootstrap.json") : path;
    if (!Files.isRegularFile(bootstrap)) {
      return java.util.Optional.empty();
    }
    if (object(bootstrap).get("admin") instanceof JsonObject admin
        && admin.get("address") instanceof JsonObject address
        && address.get("socket_address") instanceof JsonObject socket
        && socket.get("address") instanceof JsonElement host
        && host.isJsonPrimitive()) {
      int port =
          socket.get("port_value") instanceof JsonElement value && value.isJsonPrimitive()
              ? value.getAsInt()
              : 0;
      return java.util.Optional.of(new java.net.InetSocketAddress(host.getAsString(), port));
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<String> nodeId(Path bootstrap) throws IOException {
    if (!Files.isRegularFile(bootstrap)) {
      return java.util.Optional.empty();
    }
    JsonObject root = object(bootstrap);
    if (root.get("node") instanceof JsonObject node
        && node.get("id") instanceof JsonElement id
        && id.isJsonPrimitive()) {
      return java.util.Optional.of(id.getAsString());
    }
    return java.util.Optional.empty();
  }

  private static String versionInfo(Path listeners) throws IOException {
    JsonObject root = object(listeners);
    JsonElement version = root.get("version_info");
    return version != null && version.isJsonPrimitive() ? version.getAsString() : "static";
  }

  private static JsonObject object(Path file) throws IOException {
    try {
      JsonElement parsed = JsonParser.parseString(Files.readString(file));
      return parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
    } catch (JsonParseException e) {
      // The loader reports the syntax error with its location; here the file is only peeked at.
      return new JsonObject();
    }
  }
}
