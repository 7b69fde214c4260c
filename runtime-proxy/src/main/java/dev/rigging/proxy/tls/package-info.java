/**
 * Service identity for the bundled proxy: SPIFFE IDs, a development CA that issues each proxy its
 * X.509-SVID, and the mutual-TLS contexts that check them as the emitted Envoy config does.
 *
 * <p>{@link dev.rigging.proxy.tls.DevCa} writes private keys, unencrypted, into the directory it is
 * given and nowhere else. That directory must stay out of Git and out of compiled output: {@code
 * rig} puts it under {@code .rig/}, which is gitignored. The CA is for development and local runs
 * only; production meshes bring their own CA.
 *
 * <p>Typical use, with the emitted default layout {@code <certs>/<proxy>/{cert,key,ca}.pem}:
 *
 * <pre>{@code
 * DevCa ca = DevCa.openOrCreate("demo", certs);
 * Path callme = ca.ensureLeaf("callme").directory();
 * SslContext inbound = MeshTls.server(callme, "demo");
 * SslContext outbound = MeshTls.client(callerDir, SpiffeId.parse("spiffe://demo/callme"), "callme.demo");
 * // after the handshake, for RBAC principals:
 * SpiffeId caller = MeshTls.peerId(channel.pipeline().get(SslHandler.class));
 * }</pre>
 */
package dev.rigging.proxy.tls;
