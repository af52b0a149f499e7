package dev.conduit.application.port.in;

/**
 * An entry that a scan could not take in as it is.
 *
 * @param path    the entry, relative to the root
 * @param failure what went wrong, by kind
 * @param error   true when the entry could not be read (the index may be behind for it); false for a warning, such as
 *                a FIFO that is skipped by design
 */
public record ScanProblem(String path, EntryFailure failure, boolean error) {

    /** What went wrong, in words, without the path. */
    public String reason() {
        return failure.reason();
    }
}
