package dev.rigging.proxy.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key pairs and X.509 certificates for the development CA, built with BouncyCastle's builders and
 * the JDK's own crypto provider (no provider is registered globally).
 */
final class CertificateFactories {
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final String CA_NAME_PREFIX = "Rigging dev CA ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateFactories() {}

  /** A fresh EC P-256 key pair. */
  static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  /** A self-signed CA certificate named {@code CN=Rigging dev CA <mesh>} that signs leaves only. */
  static X509Certificate caCertificate(
      String mesh, KeyPair keys, Instant notBefore, Instant notAfter)
      throws GeneralSecurityException {
    X500Name name = commonName(CA_NAME_PREFIX + mesh);
    var builder =
        new JcaX509v3CertificateBuilder(
            name, serial(), Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
    try {
      var extensions = new JcaX509ExtensionUtils();
      // pathlen 0: this CA signs workload certificates, never another CA.
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode a CA certificate extension", e);
    }
    return sign(builder, keys.getPrivate());
  }

  /**
   * A workload certificate (X.509-SVID) for {@code id}: the ID as the only URI SAN, a TLS server
   * and client, not a CA.
   */
  static X509Certificate leafCertificate(
      SpiffeId id,
      PublicKey leafKey,
      X509Certificate ca,
      PrivateKey caKey,
      Instant notBefore,
      Instant notAfter)
      throws GeneralSecurityException {
    var builder =
        new JcaX509v3CertificateBuilder(
            ca,
            serial(),
            Date.from(notBefore),
            Date.from(notAfter),
            commonName(id.workload()),
            leafKey);
    try {
      var extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      // EC keys agree on keys by ECDHE, so signing is the only use TLS makes of them.
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, id.uri())));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(leafKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(ca.getPublicKey()));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode a leaf certificate extension", e);
    }
    return sign(builder, caKey);
  }

  /** The mesh a CA certificate made by {@link #caCertificate} is for. */
  static String meshOf(X509Certificate ca) throws GeneralSecurityException {
    X500Name name = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    var commonNames = name.getRDNs(BCStyle.CN);
    if (commonNames.length == 1) {
      String commonName = IETFUtils.valueToString(commonNames[0].getFirst().getValue());
      if (commonName.startsWith(CA_NAME_PREFIX)) {
        return commonName.substring(CA_NAME_PREFIX.length());
      }
    }
    throw new GeneralSecurityException(
        "not a Rigging development CA: " + ca.getSubjectX500Principal().getName());
  }

  /** Whether {@code privateKey} is the other half of {@code publicKey}: it signs, that verifies. */
  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      byte[] challenge = new byte[32];
      RANDOM.nextBytes(challenge);
      Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A key of another algorithm or curve: not a match.
      return false;
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      var signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign with " + SIGNATURE_ALGORITHM, e);
    }
  }

  /** A random positive 128-bit serial: unique without state, within RFC 5280's 20 octets. */
  private static BigInteger serial() {
    return new BigInteger(128, RANDOM).setBit(127);
  }

  private static X500Name commonName(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }
}
