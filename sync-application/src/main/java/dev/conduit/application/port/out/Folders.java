package dev.conduit.application.port.out;

import dev.conduit.application.port.in.EntryFailure;
import io.vavr.control.Either;
import java.nio.file.Path;

/** Folders named on the command line, before they are synced. */
public interface Folders {

    /**
     * The absolute path with every symbolic link resolved, for a folder that may not exist yet (its nearest existing
     * ancestor is resolved and the rest appended).
     */
    String canonical(Path path);

    /** Makes the folder and its missing parents; why when it cannot. */
    Either<EntryFailure, Void> create(Path path);
}
