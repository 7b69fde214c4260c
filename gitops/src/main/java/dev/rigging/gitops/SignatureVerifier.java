package dev.rigging.gitops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.revwalk.RevCommit;

/** Checks a commit's OpenPGP signature against a fixed set of trusted public keys. */
public final class SignatureVerifier {
  /** What a commit's signature turned out to be. */
  public sealed interface Verdict {
    /** Signed by a trusted key, and the signature matches the commit. */
    record Trusted(String keyId) implements Verdict {}

    /** Carries no signature at all. */
    record Unsigned() implements Verdict {}

    /** Signed, but by a key that is not trusted. */
    record UnknownKey(String keyId) implements Verdict {}

    /** A trusted key's signature that does not match the commit, or one that cannot be read. */
    record Invalid(String reason) implements Verdict {}

    /** Returns whether the commit may be applied. */
    default boolean trusted() {
      return this instanceof Trusted;
    }

    /** Says what is wrong, for status pages and logs. */
    default String describe() {
      return switch (this) {
        case Trusted t -> "signed by trusted key " + t.keyId();
        case Unsigned u -> "commit is not signed";
        case UnknownKey k -> "signed by key " + k.keyId() + ", which is not trusted";
        case Invalid i -> "bad signature: " + i.reason();
      };
    }
  }

  private final List<PGPPublicKeyRing> trusted;

  private SignatureVerifier(List<PGPPublicKeyRing> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /** Reads armored (or binary) public key files; every key in them is trusted. */
  public static SignatureVerifier fromPublicKeyFiles(List<Path> files) throws GitOpsException {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
        PGPPublicKeyRingCollection collection =
            new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
        collection.forEach(rings::add);
      } catch (IOException | PGPException e) {
        throw new GitOpsException(file + ": not an OpenPGP public key file: " + e.getMessage(), e);
      }
      if (rings.isEmpty()) {
        throw new GitOpsException(file + ": contains no OpenPGP public key");
      }
    }
    return new SignatureVerifier(rings);
  }

  /** Returns the verdict on {@code commit}'s {@code gpgsig} signature. */
  public Verdict verify(RevCommit commit) {
    byte[] armored = commit.getRawGpgSignature();
    if (armored == null) {
      return new Verdict.Unsigned();
    }
    try {
      PGPSignature signature = readSignature(armored);
      PGPPublicKey key = findKey(signature.getKeyID());
      if (key == null) {
        return new Verdict.UnknownKey(OpenPgp.keyId(signature.getKeyID()));
      }
      signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(OpenPgp.PROVIDER), key);
      signature.update(signedPayload(commit.getRawBuffer()));
      return signature.verify()
          ? new Verdict.Trusted(OpenPgp.keyId(key.getKeyID()))
          : new Verdict.Invalid("signature does not match the commit");
    } catch (IOException | PGPException | RuntimeException e) {
      return new Verdict.Invalid(String.valueOf(e.getMessage()));
    }
  }

  private PGPPublicKey findKey(long keyId) {
    for (PGPPublicKeyRing ring : trusted) {
      PGPPublicKey key = ring.getPublicKey(keyId);
      if (key != null) {
        return key;
      }
    }
    return null;
  }

  private static PGPSignature readSignature(byte[] armored) throws IOException, PGPException {
    JcaPGPObjectFactory factory =
        new JcaPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(armored)));
    Object object = factory.nextObject();
    if (object instanceof PGPCompressedData compressed) {
      object = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
    }
    if (object instanceof PGPSignatureList list && !list.isEmpty()) {
      return list.get(0);
    }
    throw new PGPException("gpgsig header holds no OpenPGP signature");
  }

  /**
   * Returns the bytes git signed: the raw commit object without its {@code gpgsig} header, whose
   * value continues on the following lines that start with a space.
   */
  static byte[] signedPayload(byte[] rawCommit) {
    String text = new String(rawCommit, StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(rawCommit.length);
    int headersEnd = text.indexOf("\n\n");
    int pos = 0;
    boolean inSignature = false;
    while (pos < text.length()) {
      int next = text.indexOf('\n', pos);
      int end = next < 0 ? text.length() : next + 1;
      boolean header = headersEnd < 0 || pos <= headersEnd;
      String line = text.substring(pos, end);
      if (header && line.startsWith("gpgsig ")) {
        inSignature = true;
      } else if (inSignature && header && line.startsWith(" ")) {
        // continuation of the signature
      } else {
        inSignature = false;
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
      }
      pos = end;
    }
    return out.toByteArray();
  }
}
