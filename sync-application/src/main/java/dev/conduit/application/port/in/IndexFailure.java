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

    record RootUnreadable(String path, String reason) implements IndexFailure {
        @Override
        public String describe() {
            return "cannot index " + path + ": " + reason + " (check that it can be read and listed)";
        }
    }
}
