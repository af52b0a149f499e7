package dev.conduit.application.port.out;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.domain.index.FileSystemTraits;
import io.vavr.control.Either;
import java.nio.file.Path;

/**
 * Finds out what the file system of a root can hold, by trying it: a few temporary files of the tool's own name form
 * are made in the root and removed again (one left by a killed probe is swept like any temporary file). Asked once per
 * location and file system: when a location is first indexed, and when its root is found on another device.
 */
public interface FileSystemProbe {

    /** The traits of the root's file system; or why they cannot be found (a read-only root, say). */
    Either<EntryFailure, FileSystemTraits> probe(Path root);

    /**
     * The traits of the file system of a root that is only read (a mirror's source), found without writing in it; or
     * why they are not (then the root is taken for a POSIX one, and probed when it is indexed to be written). A mirror
     * reproduces what its source says of itself, whatever that can hold (ADR 0040). By default, {@link #probe}.
     */
    default Either<EntryFailure, FileSystemTraits> probeReading(Path root) {
        return probe(root);
    }
}
