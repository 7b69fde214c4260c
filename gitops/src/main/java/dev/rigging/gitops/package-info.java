/**
 * Compiled output into Git and back out.
 *
 * <p>{@link dev.rigging.gitops.OutputCommitter} turns a directory written by {@code rig compile}
 * into one commit on a branch, built from objects and published by a compare-and-swap ref update
 * (or a push), so a reader never sees half a tree. {@link dev.rigging.gitops.RepoMirror} is the
 * reading side the agent uses: a bare mirror it fetches into and re-clones when it is damaged.
 * {@link dev.rigging.gitops.CommitSigner} and {@link dev.rigging.gitops.SignatureVerifier} sign and
 * check commits with OpenPGP the way {@code git commit -S} and {@code git verify-commit} do.
 */
package dev.rigging.gitops;
