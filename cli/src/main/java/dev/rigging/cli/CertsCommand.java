package dev.rigging.cli;

import dev.rigging.proxy.tls.DevCa;
import dev.rigging.proxy.tls.LeafCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rig certs}: the development CA and the proxies' SPIFFE certificates, for local runs. */
@Command(
    name = "certs",
    header = "Issue development mTLS certificates for proxies (local runs only).",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Creates (or reuses) a development CA for the mesh in --dir and makes sure each named proxy "
          + "has a certificate for spiffe://<mesh>/<proxy> in <dir>/<proxy>/{cert,key,ca}.pem, "
          + "which is where `rig compile --cert-dir '<dir>/{proxy}'` tells the proxies to look. "
          + "Valid certificates are kept; missing, foreign or half-expired ones are re-issued. "
          + "Keys never leave --dir: keep it out of Git.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rig certs --dir certs --mesh demo caller callme",
      "",
      "Exit codes:",
      "  0  every proxy has a usable certificate",
      "  2  bad usage, or files that cannot be read or written"
    })
final class CertsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description =
          "Where the CA and the proxies' certificate directories live. Example: --dir certs")
  Path dir;

  @Option(
      names = "--mesh",
      required = true,
      paramLabel = "NAME",
      description = "The mesh name, the SPIFFE trust domain. Example: --mesh demo")
  String mesh;

  @Parameters(paramLabel = "PROXY", arity = "1..*", description = "Proxy names. Example: caller")
  List<String> proxies;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      DevCa ca = DevCa.openOrCreate(mesh, dir);
      for (String proxy : proxies) {
        LeafCertificate leaf = ca.ensureLeaf(proxy);
        out.println(
            leaf.id().uri() + " " + leaf.directory() + (leaf.issued() ? " (issued)" : " (kept)"));
      }
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      throw new CliFailure(e.getMessage(), e);
    } catch (IOException e) {
      throw new CliFailure(
          "cannot issue certificates in `" + dir + "`: " + CliFailure.describe(e), e);
    }
  }
}
