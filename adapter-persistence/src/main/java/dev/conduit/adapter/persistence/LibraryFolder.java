package dev.conduit.adapter.persistence;

import java.nio.file.Path;

/** The folder that holds a library: its SQLite database, and later its trash. */
public record LibraryFolder(Path directory) {

    public static final String DATABASE_FILE = "library.db";

    public LibraryFolder {
        if (directory == null) {
            throw new IllegalArgumentException("a library folder is required");
        }
    }

    public Path database() {
        return directory.resolve(DATABASE_FILE);
    }
}
