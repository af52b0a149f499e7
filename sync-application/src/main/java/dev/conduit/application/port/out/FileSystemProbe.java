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
}
