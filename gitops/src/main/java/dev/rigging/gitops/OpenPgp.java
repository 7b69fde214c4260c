package dev.rigging.gitops;

import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one BouncyCastle provider instance the OpenPGP code uses, never installed globally. */
final class OpenPgp {
  static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

  private OpenPgp() {}

  static String keyId(long id) {
    return HexFormat.of().withUpperCase().toHexDigits(id);
  }
}
