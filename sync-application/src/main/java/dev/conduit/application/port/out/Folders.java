package dev.conduit.application.port.out;

import io.vavr.control.Either;
import java.nio.file.Path;

/** Folders named on the command line, before they are synced. */
public interface Folders {

    /**
     * The absolute path with every symbolic link resolved, for a folder that may not exist yet (its nearest existing
     * ancestor is resolved and the rest appended).
     */
    String canonical(Path path);

    /** Makes the folder and its missing parents; the reason when it cannot. */
    Either<String, Void> create(Path path);
}
