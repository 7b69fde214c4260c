package dev.rigging.gitops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * Generates an OpenPGP signing key pair (ECDSA P-256, unprotected) as armored files: what a CI job
 * needs for {@code rig compile --sign-key} and an agent for {@code --trusted-key}.
 */
public final class SigningKeys {
  private SigningKeys() {}

  /**
   * Writes {@code <name>.sec.asc} (secret) and {@code <name>.pub.asc} (public) into {@code dir};
   * returns them in that order.
   */
  public static Path[] generate(Path dir, String name)
      throws GeneralSecurityException, IOException, PGPException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", OpenPgp.PROVIDER);
    generator.initialize(new ECGenParameterSpec("P-256"));
    PGPKeyPair pair =
        new JcaPGPKeyPair(
            PublicKeyPacket.VERSION_4,
            PublicKeyAlgorithmTags.ECDSA,
            generator.generateKeyPair(),
            new Date());
    PGPDigestCalculator sha1 =
        new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
    PGPKeyRingGenerator rings =
        new PGPKeyRingGenerator(
            PGPSignature.POSITIVE_CERTIFICATION,
            pair,
            name + " <" + name + "@example.com>",
            sha1,
            null,
            null,
            new JcaPGPContentSignerBuilder(
                    pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
                .setProvider(OpenPgp.PROVIDER),
            null);
    Path secret = dir.resolve(name + ".sec.asc");
    Path pub = dir.resolve(name + ".pub.asc");
    Files.write(secret, armor(out -> rings.generateSecretKeyRing().encode(out)));
    Files.write(pub, armor(out -> rings.generatePublicKeyRing().encode(out)));
    return new Path[] {secret, pub};
  }

  private interface Encoder {
    void encode(OutputStream out) throws IOException;
  }

  private static byte[] armor(Encoder encoder) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArmoredOutputStream out = new ArmoredOutputStream(bytes)) {
      encoder.encode(out);
    }
    return bytes.toByteArray();
  }
}
