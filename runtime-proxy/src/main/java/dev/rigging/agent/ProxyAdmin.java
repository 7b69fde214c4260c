package dev.rigging.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to a proxy's admin listener: {@code /ready}, {@code /config_dump}, {@code /stats} and
 * {@code POST /reload} — the contract between the agent and {@code rig proxy}.
 */
public final class ProxyAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client;
  private final URI base;

  public ProxyAdmin(InetSocketAddress admin) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    String host = admin.getHostString();
    this.base =
        URI.create(
            "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.getPort());
  }

  /** Returns whether the proxy answers {@code /ready} with 200. */
  public boolean ready() {
    try {
      return get("/ready").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** Returns the hash of the configuration the proxy runs, or empty if it cannot say. */
  public Optional<String> configHash() {
    try {
      HttpResponse<String> response = get("/config_dump");
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode hash = JSON.readTree(response.body()).path("hash");
      return hash.isTextual() ? Optional.of(hash.asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Reads the request counters from {@code /stats}. */
  public TrafficSample traffic() throws IOException {
    HttpResponse<String> response = get("/stats");
    if (response.statusCode() != 200) {
      throw new IOException("/stats answered " + response.statusCode());
    }
    return TrafficSample.parse(response.body());
  }

  /**
   * Asks the proxy to load its configuration again; returns the new hash, or throws with the
   * proxy's reason when it kept the old configuration.
   */
  public String reload() throws IOException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(base.resolve("/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    if (response.statusCode() != 200) {
      String error = body.path("error").asText(response.body());
      throw new IOException("proxy refused the configuration: " + error);
    }
    return body.path("hash").asText("");
  }

  private HttpResponse<String> get(String path) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
