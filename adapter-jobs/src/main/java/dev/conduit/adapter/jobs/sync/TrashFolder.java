package dev.conduit.adapter.jobs.sync;

import java.nio.file.Path;

/** The library's trash folder, used for every root on the same file system as the library. */
public record TrashFolder(Path directory) {

    public TrashFolder {
        if (directory == null) {
            throw new IllegalArgumentException("a trash folder is required");
        }
    }
}
