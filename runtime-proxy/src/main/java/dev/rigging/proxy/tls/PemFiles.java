package dev.rigging.proxy.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM encoding of certificates and PKCS#8 keys, and the file writes that keep keys private. */
final class PemFiles {
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC_READ =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private PemFiles() {}

  /** One certificate as a PEM {@code CERTIFICATE} block. */
  static String certificate(X509Certificate certificate) throws IOException {
    return encode(certificate);
  }

  /** An unencrypted PKCS#8 {@code PRIVATE KEY} block, the form Envoy and Netty both read. */
  static String privateKey(PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (var writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    return text.toString().replace("\r\n", "\n");
  }

  /** The first certificate in a PEM file. */
  static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
    var certificate =
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    return (X509Certificate) certificate;
  }

  /** A PKCS#8 private key from a PEM file. */
  static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
    try (var parser = new PEMParser(new StringReader(Files.readString(file)))) {
      if (parser.readObject() instanceof PrivateKeyInfo info) {
        return new JcaPEMKeyConverter().getPrivateKey(info);
      }
      throw new GeneralSecurityException(file + " holds no PKCS#8 private key");
    }
  }

  /**
   * Creates a directory (and its parents) readable by the owner only, where the file system has
   * POSIX permissions; an existing directory is left as it is.
   */
  static void createPrivateDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    if (directory.getParent() != null) {
      Files.createDirectories(directory.getParent());
    }
    try {
      Files.createDirectory(directory, ownerOnly(directory, OWNER_ONLY_DIRECTORY));
    } catch (FileAlreadyExistsException e) {
      // Another process made it in the meantime: fine as long as it is a directory.
      if (!Files.isDirectory(directory)) {
        throw e;
      }
    }
  }

  /**
   * Replaces {@code file} with {@code content} in one rename, so a reader sees the old file or the
   * new one, never half of one. The file is mode 0600 from the moment it exists, so a key is never
   * readable by others, not even briefly.
   */
  static void writePrivate(Path file, String content) throws IOException {
    write(file, content, OWNER_READ_WRITE);
  }

  /**
   * Replaces {@code file} with {@code content} in one rename; mode 0644, certificates are public.
   */
  static void writePublic(Path file, String content) throws IOException {
    write(file, content, PUBLIC_READ);
  }

  private static void write(Path file, String content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    // Created with its final mode rather than chmod-ed afterwards: no window where it is wider.
    Path temporary =
        Files.createTempFile(
            directory, "." + file.getFileName(), ".tmp", ownerOnly(directory, permissions));
    try {
      Files.writeString(temporary, content, StandardCharsets.US_ASCII);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path anyPath, Set<PosixFilePermission> permissions) {
    boolean posix = anyPath.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static String encode(X509Certificate certificate) throws IOException {
    StringWriter text = new StringWriter();
    try (var writer = new JcaPEMWriter(text)) {
      writer.writeObject(certificate);
    }
    // JcaPEMWriter ends lines with the platform separator; the files are the same everywhere.
    return text.toString().replace("\r\n", "\n");
  }
}
