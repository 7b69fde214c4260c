import dev.rigging.proxy.tls.DevCa;
import java.nio.file.Path;

/**
 * Issues development certificates for the proxy benchmark with Rigging's own development CA: {@code
 * java -cp cli/target/rig.jar bench/BenchCerts.java DIR MESH PROXY...} writes the CA to {@code DIR}
 * and each proxy's key and SPIFFE certificate to {@code DIR/<proxy>/}.
 */
public final class BenchCerts {
  public static void main(String[] args) throws Exception {
    DevCa ca = DevCa.openOrCreate(args[1], Path.of(args[0]));
    for (int i = 2; i < args.length; i++) {
      ca.ensureLeaf(args[i]);
    }
  }
}
