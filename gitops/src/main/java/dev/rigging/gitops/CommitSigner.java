package dev.rigging.gitops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * Signs commit payloads with an OpenPGP key, producing the armored detached signature git stores in
 * a commit's {@code gpgsig} header, so {@code git verify-commit} accepts what rig signs.
 */
public final class CommitSigner {
  private final PGPSecretKey key;
  private final PGPPrivateKey privateKey;

  private CommitSigner(PGPSecretKey key, PGPPrivateKey privateKey) {
    this.key = key;
    this.privateKey = privateKey;
  }

  /**
   * Reads the first signing key of an armored (or binary) secret key file.
   *
   * @param passphrase the key's passphrase; empty for an unprotected key
   */
  public static CommitSigner fromSecretKeyFile(Path file, char[] passphrase)
      throws GitOpsException {
    try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
      PGPSecretKeyRingCollection rings =
          new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
      for (PGPSecretKeyRing ring : rings) {
        for (PGPSecretKey candidate : ring) {
          if (candidate.isSigningKey() && !candidate.isPrivateKeyEmpty()) {
            PGPPrivateKey privateKey =
                candidate.extractPrivateKey(
                    new JcePBESecretKeyDecryptorBuilder()
                        .setProvider(OpenPgp.PROVIDER)
                        .build(passphrase));
            return new CommitSigner(candidate, privateKey);
          }
        }
      }
      throw new GitOpsException(file + ": no signing key in this OpenPGP secret key file");
    } catch (IOException e) {
      throw new GitOpsException(file + ": cannot read signing key: " + e.getMessage(), e);
    } catch (PGPException e) {
      throw new GitOpsException(
          file + ": not a usable OpenPGP secret key (wrong passphrase?): " + e.getMessage(), e);
    }
  }

  /** The signing key's id as 16 uppercase hex digits, as {@code gpg --list-keys} shows it. */
  public String keyId() {
    return OpenPgp.keyId(key.getKeyID());
  }

  /** Returns the ASCII-armored detached signature over {@code payload}. */
  public byte[] sign(byte[] payload) throws GitOpsException {
    try {
      PGPSignatureGenerator generator =
          new PGPSignatureGenerator(
              new JcaPGPContentSignerBuilder(
                      key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
                  .setProvider(OpenPgp.PROVIDER),
              key.getPublicKey());
      generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, new Date());
      hashed.setIssuerFingerprint(false, key.getPublicKey());
      generator.setHashedSubpackets(hashed.generate());
      generator.update(payload);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes);
          BCPGOutputStream out = new BCPGOutputStream(armored)) {
        generator.generate().encode(out);
      }
      return bytes.toByteArray();
    } catch (PGPException | IOException e) {
      throw new GitOpsException(
          "cannot sign commit with key " + keyId() + ": " + e.getMessage(), e);
    }
  }
}
