package dev.conduit.domain.conduit;

import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.control.Option;

/**
 * One side of a conduit: a directory, by its absolute canonical path on its host, and which directory it was when
 * the conduit was made (so that an unmounted disk, or another one mounted in its place, is noticed before anything is
 * deleted).
 *
 * @param host the machine the directory is on: none for this one, some for a remote endpoint reached over ssh
 */
public record Endpoint(String root, RootIdentity identity, Option<RemoteHost> host) {

    public Endpoint {
        if (root == null || !root.startsWith("/") || identity == null || host == null) {
            throw new IllegalArgumentException("an endpoint needs an absolute root and its identity: " + root);
        }
    }

    /** A directory of this machine. */
    public Endpoint(String root, RootIdentity identity) {
        this(root, identity, Option.none());
    }

    public boolean isRemote() {
        return host.isDefined();
    }

    /** Whether {@code other}, a path on this endpoint's host, is this root or a folder below it. */
    public boolean contains(String other) {
        return Roots.isWithin(other, root);
    }

    /** The same folder, seen to be another directory now (resumed after its disk was replaced, say). */
    public Endpoint withIdentity(RootIdentity now) {
        return new Endpoint(root, now, host);
    }

    /** The endpoint as a person writes it: {@code /home/ada/docs}, or {@code alice@nas:/backup/docs}. */
    public String written() {
        return host.map(remote -> RemoteAddress.written(remote, root)).getOrElse(root);
    }

    /**
     * The record's form, the host only when there is one: a local endpoint reads as it did before endpoints had hosts
     * (the change journal's settings fingerprint of ADR 0031 is made of it).
     */
    @Override
    public String toString() {
        return "Endpoint[root=" + root + ", identity=" + identity
                + host.map(remote -> ", host=" + remote.key()).getOrElse("") + "]";
    }
}
