package dev.conduit.adapter.jobs.canary;

import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.bootstrap.Main;
import java.nio.file.Path;

/** Planted violation: one adapter calling another, and the composition root. */
public final class ReachesIntoPersistence {

    public Path database() {
        return new LibraryFolder(Path.of("/tmp")).database();
    }

    public Class<?> root() {
        return Main.class;
    }
}
