import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic mesh for the compile benchmark: N services in files of 100, each with two
 * versions, two callees, five routing rules (header, split with retries, exact path with timeout,
 * regex, default) and an authz block. Deterministic: same N, same bytes.
 *
 * <p>Usage: {@code java bench/GenerateMesh.java <services> <out-dir>}
 */
public final class GenerateMesh {
  private static final int SERVICES_PER_FILE = 100;

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    for (int file = 0; file * SERVICES_PER_FILE < n; file++) {
      StringBuilder text = new StringBuilder("mesh bench\n\n");
      for (int i = file * SERVICES_PER_FILE; i < Math.min(n, (file + 1) * SERVICES_PER_FILE); i++) {
        service(text, i, n);
      }
      Files.writeString(out.resolve(String.format("team-%03d.mesh", file)), text);
    }
  }

  private static void service(StringBuilder t, int i, int n) {
    String name = "svc" + i;
    int a = (i + 1) % n;
    int b = (i + 7) % n;
    // Listener ports stay on loopback; endpoints use other addresses so they never clash.
    t.append("service ")
        .append(name)
        .append(" {\n")
        .append("  port ")
        .append(10_000 + i)
        .append(" http\n")
        .append("  outbound ")
        .append(20_000 + i)
        .append('\n')
        .append("  calls svc")
        .append(a)
        .append(", svc")
        .append(b)
        .append('\n')
        .append("  version v1 { labels { version: \"v1\" } endpoint ")
        .append(ip(i, 1))
        .append(":8080 }\n")
        .append("  version v2 { labels { version: \"v2\" } endpoint ")
        .append(ip(i, 2))
        .append(":8080 }\n")
        .append("  policy { max_connections 100 outlier { consecutive_5xx 5 } }\n")
        .append("}\n\n");
    t.append("route ")
        .append(name)
        .append(" {\n")
        .append("  match header \"x-canary\" exact \"true\" { to v2 }\n")
        .append("  match path prefix \"/api/")
        .append(i)
        .append("/orders\" method GET, POST {\n")
        .append("    split v1 90%, v2 10%\n")
        .append("    retries 2 per_try 500ms on 5xx, connect-failure\n")
        .append("  }\n")
        .append("  match path exact \"/api/")
        .append(i)
        .append("/slow\" { to v1 timeout 2s }\n")
        .append("  match path regex \"^/v[0-9]+/")
        .append(i)
        .append("/.*\" { to v1 fault delay 100ms on 1% }\n")
        .append("  default { to v1 }\n")
        .append("}\n\n");
    int callerA = (i - 1 + n) % n;
    int callerB = (i - 7 + n) % n;
    t.append("authz ")
        .append(name)
        .append(" {\n")
        .append("  default deny\n")
        .append("  allow from svc")
        .append(callerA)
        .append(", svc")
        .append(callerB)
        .append(" to GET, POST \"/api/*\"\n")
        .append("  deny to DELETE\n")
        .append("}\n\n");
  }

  private static String ip(int i, int version) {
    return "10." + (i / 250) + "." + (i % 250) + "." + version;
  }
}
