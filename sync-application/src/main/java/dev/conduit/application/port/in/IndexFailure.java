package dev.conduit.application.port.in;

/** Why a directory could not be indexed at all. */
public sealed interface IndexFailure {

    String path();

    /** One line for a person: what, where, and what to do. */
    String describe();

    record RootMissing(String path) implements IndexFailure {
        @Override
        public String describe() {
            return "cannot index " + path + ": no such directory (check the path, or mount the disk it lives on)";
        }
    }

    record NotADirectory(String path) implements IndexFailure {
        @Override
        public String describe() {
            return "cannot index " + path + ": not a directory (give the folder to index)";
        }
    }

    /**
     * The connection to the host whose root {@code path} is ended while its index was brought up to date (library sync
     * first): nothing was decided, so nothing was changed on either side; {@code reason} names the host.
     */
    record ConnectionLost(String path, String reason) implements IndexFailure {
        @Override
        public String describe() {
            return reason + " while the index of " + path
                    + " was brought up to date; nothing was changed (sync again once the host can be reached)";
        }
    }

    record RootUnreadable(String path, String reason) implements IndexFailure {
        @Override
        public String describe() {
            return "cannot index " + path + ": " + reason + " (check that it can be read and listed)";
        }
    }
}
