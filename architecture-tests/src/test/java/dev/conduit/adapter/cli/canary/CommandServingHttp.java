package dev.conduit.adapter.cli.canary;

/** Planted violation: a command that starts an HTTP server itself instead of going through the API adapter. */
public final class CommandServingHttp {

    public Object serve() {
        return new org.eclipse.jetty.server.Server();
    }
}
