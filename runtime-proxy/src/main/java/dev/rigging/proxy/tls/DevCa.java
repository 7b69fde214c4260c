package dev.rigging.proxy.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A mesh's development certificate authority, kept in one directory, and the leaf certificates it
 * issues to the mesh's proxies.
 *
 * <p>Layout of the directory (the certificate root the emitted Envoy configuration points at):
 *
 * <pre>
 * ca.pem            the CA certificate (EC P-256, self-signed, one year)
 * ca-key.pem        the CA's private key, PKCS#8, mode 0600
 * &lt;proxy&gt;/cert.pem  the proxy's certificate, URI SAN spiffe://&lt;mesh&gt;/&lt;proxy&gt;, seven days
 * &lt;proxy&gt;/key.pem   its private key, PKCS#8, mode 0600
 * &lt;proxy&gt;/ca.pem    the CA certificate again, so each proxy directory is complete
 * </pre>
 *
 * <p>The directory holds private keys: it must never be committed or copied into compiled output.
 * {@code rig} keeps it under {@code .rig/}, which is gitignored. Nothing here writes a key anywhere
 * else. It is for development only: keys are unencrypted and there is no revocation.
 */
public final class DevCa {
  /** The CA certificate's file name, in the CA directory and in each proxy's directory. */
  public static final String CA_FILE = "ca.pem";

  /** The CA private key's file name. */
  public static final String CA_KEY_FILE = "ca-key.pem";

  /** A proxy's certificate file name. */
  public static final String CERT_FILE = "cert.pem";

  /** A proxy's private key file name. */
  public static final String KEY_FILE = "key.pem";

  /** How long a new CA is valid. */
  public static final Duration CA_VALIDITY = Duration.ofDays(365);

  /** How long a leaf certificate is valid. */
  public static final Duration LEAF_VALIDITY = Duration.ofDays(7);

  /** Certificates start this much in the past, so a peer whose clock lags still accepts them. */
  static final Duration BACKDATE = Duration.ofMinutes(5);

  private final String mesh;
  private final Path directory;
  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Clock clock;

  private DevCa(
      String mesh, Path directory, X509Certificate certificate, PrivateKey key, Clock clock) {
    this.mesh = mesh;
    this.directory = directory;
    this.certificate = certificate;
    this.key = key;
    this.clock = clock;
  }

  /** Same as {@link #create(String, Path, Clock)} with the system clock. */
  public static DevCa create(String mesh, Path directory) throws IOException {
    return create(mesh, directory, Clock.systemUTC());
  }

  /**
   * Makes a new CA for {@code mesh} and writes it to {@code directory} (created mode 0700 if
   * missing), replacing any CA there; leaves it issued become stale.
   *
   * @throws IllegalArgumentException when {@code mesh} is not a valid SPIFFE trust domain
   */
  public static DevCa create(String mesh, Path directory, Clock clock) throws IOException {
    // Validates the mesh name as a trust domain before anything is written.
    new SpiffeId(mesh, "ca");
    Instant now = clock.instant();
    try {
      KeyPair keys = CertificateFactories.newKeyPair();
      X509Certificate certificate =
          CertificateFactories.caCertificate(
              mesh, keys, now.minus(BACKDATE), now.plus(CA_VALIDITY));
      PemFiles.createPrivateDirectory(directory);
      // Key first: a CA certificate on disk always has its key next to it.
      PemFiles.writePrivate(directory.resolve(CA_KEY_FILE), PemFiles.privateKey(keys.getPrivate()));
      PemFiles.writePublic(directory.resolve(CA_FILE), PemFiles.certificate(certificate));
      return new DevCa(mesh, directory, certificate, keys.getPrivate(), clock);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot create the development CA for mesh " + mesh, e);
    }
  }

  /** Same as {@link #load(Path, Clock)} with the system clock. */
  public static DevCa load(Path directory) throws IOException {
    return load(directory, Clock.systemUTC());
  }

  /**
   * Reads the CA that {@link #create} wrote to {@code directory}.
   *
   * @throws IOException when the files are missing, unreadable, not a Rigging CA, or the key does
   *     not belong to the certificate
   */
  public static DevCa load(Path directory, Clock clock) throws IOException {
    try {
      X509Certificate certificate = PemFiles.readCertificate(directory.resolve(CA_FILE));
      PrivateKey key = PemFiles.readPrivateKey(directory.resolve(CA_KEY_FILE));
      if (!CertificateFactories.matches(key, certificate.getPublicKey())) {
        throw new IOException(
            directory.resolve(CA_KEY_FILE) + " is not the key of " + directory.resolve(CA_FILE));
      }
      String mesh = CertificateFactories.meshOf(certificate);
      return new DevCa(mesh, directory, certificate, key, clock);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the development CA in " + directory, e);
    }
  }

  /** Same as {@link #openOrCreate(String, Path, Clock)} with the system clock. */
  public static DevCa openOrCreate(String mesh, Path directory) throws IOException {
    return openOrCreate(mesh, directory, Clock.systemUTC());
  }

  /**
   * Loads the CA in {@code directory}, or creates one when there is none or when it would expire
   * before a leaf issued now (a new CA makes {@link #ensureLeaf} re-issue every leaf).
   *
   * @throws IOException when the directory holds the CA of another mesh, or a broken one
   */
  public static DevCa openOrCreate(String mesh, Path directory, Clock clock) throws IOException {
    if (!Files.exists(directory.resolve(CA_FILE))
        || !Files.exists(directory.resolve(CA_KEY_FILE))) {
      return create(mesh, directory, clock);
    }
    DevCa existing = load(directory, clock);
    if (!existing.mesh.equals(mesh)) {
      throw new IOException(
          directory + " holds the development CA of mesh " + existing.mesh + ", not " + mesh);
    }
    Instant leafEnd = clock.instant().plus(LEAF_VALIDITY);
    if (existing.certificate.getNotAfter().toInstant().isBefore(leafEnd)) {
      return create(mesh, directory, clock);
    }
    return existing;
  }

  /** The mesh name, which is the trust domain of every ID this CA issues. */
  public String mesh() {
    return mesh;
  }

  /** The directory holding the CA and the proxies' certificate directories. */
  public Path directory() {
    return directory;
  }

  /** The CA certificate, the trust anchor of the mesh. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Where the certificates of {@code proxy} go: {@code <directory>/<proxy>}. */
  public Path leafDirectory(String proxy) {
    return directory.resolve(idOf(proxy).workload());
  }

  /**
   * Makes sure {@code proxy} has a usable certificate in {@link #leafDirectory}: keeps the files
   * there when they are complete, issued by this CA for {@code spiffe://<mesh>/<proxy>}, and in the
   * first half of their validity; otherwise issues a new key and certificate.
   *
   * @throws IllegalArgumentException when {@code proxy} is not a single SPIFFE path segment
   */
  public LeafCertificate ensureLeaf(String proxy) throws IOException {
    SpiffeId id = idOf(proxy);
    Path leafDirectory = directory.resolve(id.workload());
    X509Certificate current = usableLeaf(id, leafDirectory);
    if (current != null) {
      return new LeafCertificate(id, leafDirectory, current, false);
    }
    return issueLeaf(proxy);
  }

  /**
   * Issues a new key and certificate for {@code proxy} into {@link #leafDirectory}, whatever is
   * there.
   *
   * @throws IllegalArgumentException when {@code proxy} is not a single SPIFFE path segment
   */
  public LeafCertificate issueLeaf(String proxy) throws IOException {
    SpiffeId id = idOf(proxy);
    Path leafDirectory = directory.resolve(id.workload());
    try {
      KeyPair keys = CertificateFactories.newKeyPair();
      X509Certificate leaf = sign(id, keys);
      PemFiles.createPrivateDirectory(leafDirectory);
      PemFiles.writePrivate(
          leafDirectory.resolve(KEY_FILE), PemFiles.privateKey(keys.getPrivate()));
      PemFiles.writePublic(leafDirectory.resolve(CERT_FILE), PemFiles.certificate(leaf));
      PemFiles.writePublic(leafDirectory.resolve(CA_FILE), PemFiles.certificate(certificate));
      return new LeafCertificate(id, leafDirectory, leaf, true);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot issue a certificate for " + id, e);
    }
  }

  /**
   * A certificate for any SPIFFE ID, even of another trust domain, written nowhere: tests use it to
   * show that peers refuse what this CA must not vouch for.
   */
  X509Certificate sign(SpiffeId id, KeyPair keys) throws GeneralSecurityException {
    Instant now = clock.instant();
    return CertificateFactories.leafCertificate(
        id, keys.getPublic(), certificate, key, now.minus(BACKDATE), now.plus(LEAF_VALIDITY));
  }

  /** The leaf in {@code leafDirectory} if it can stay, else {@code null}. */
  private X509Certificate usableLeaf(SpiffeId id, Path leafDirectory) {
    try {
      X509Certificate leaf = PemFiles.readCertificate(leafDirectory.resolve(CERT_FILE));
      X509Certificate ca = PemFiles.readCertificate(leafDirectory.resolve(CA_FILE));
      PrivateKey leafKey = PemFiles.readPrivateKey(leafDirectory.resolve(KEY_FILE));
      // Signed by another CA (the CA was re-created): verify throws.
      leaf.verify(certificate.getPublicKey());
      boolean usable =
          ca.equals(certificate)
              && SpiffeId.fromCertificate(leaf).equals(id)
              && inFirstHalfOfValidity(leaf)
              && CertificateFactories.matches(leafKey, leaf.getPublicKey());
      return usable ? leaf : null;
    } catch (IOException | GeneralSecurityException e) {
      // Missing, unreadable or foreign files are simply replaced.
      return null;
    }
  }

  /** Renewal at half-life, as SPIRE does: a proxy that misses one renewal still has days left. */
  private boolean inFirstHalfOfValidity(X509Certificate leaf) {
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    Instant halfLife = notBefore.plus(Duration.between(notBefore, notAfter).dividedBy(2));
    Instant now = clock.instant();
    return !now.isBefore(notBefore) && now.isBefore(halfLife);
  }

  private SpiffeId idOf(String proxy) {
    Objects.requireNonNull(proxy, "proxy");
    if (proxy.contains("/")) {
      // One directory per proxy, directly under the CA directory, never elsewhere.
      throw new IllegalArgumentException("a proxy name is one path segment, not `" + proxy + "`");
    }
    return new SpiffeId(mesh, proxy);
  }

  /** The mesh and the directory, for log lines and error messages. */
  @Override
  public String toString() {
    return "DevCa[" + mesh + " in " + directory + "]";
  }
}
