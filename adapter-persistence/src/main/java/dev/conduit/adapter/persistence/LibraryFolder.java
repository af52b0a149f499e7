package dev.conduit.adapter.persistence;

import java.nio.file.Path;

/** The folder that holds a library: its SQLite database, its trash and its lock files. */
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

    /** Where removed and overwritten versions go, when they live on the library's file system. */
    public Path trash() {
        return directory.resolve("trash");
    }

    /** The lock files that keep two syncs of one conduit apart. */
    public Path locks() {
        return directory.resolve("locks");
    }
}
