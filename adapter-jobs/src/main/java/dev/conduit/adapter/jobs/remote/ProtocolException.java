package dev.conduit.adapter.jobs.remote;

import java.io.IOException;

/** The peer broke the protocol: a frame whose checksum is wrong, of an unknown type, or that does not parse. */
final class ProtocolException extends IOException {

    ProtocolException(String message) {
        super(message);
    }
}
