package dev.conduit.adapter.jobs.remote;

import java.io.IOException;

/** The connection to the peer ended (it exited, the network went, or it broke the protocol). */
final class ConnectionLost extends IOException {

    ConnectionLost(String message, Throwable cause) {
        super(message, cause);
    }
}
