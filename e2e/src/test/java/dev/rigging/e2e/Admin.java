package dev.rigging.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rigging.proxy.runtime.ProxyRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The admin API as the GitOps agent uses it: plain HTTP against the proxy's admin listener. */
final class Admin {
  private final HttpClient client = Clients.plain();
  private final String base;

  Admin(ProxyRuntime proxy) {
    this.base = "http://127.0.0.1:" + proxy.adminAddress().getPort();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> reload() throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + "/reload"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonObject configDump() throws IOException, InterruptedException {
    return JsonParser.parseString(get("/config_dump").body()).getAsJsonObject();
  }

  /** The value of one sample line of /stats, 0 when absent. */
  long stat(String sample) throws IOException, InterruptedException {
    for (String line : get("/stats").body().split("\n")) {
      if (line.startsWith(sample + " ")) {
        return (long) Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    return 0;
  }
}
