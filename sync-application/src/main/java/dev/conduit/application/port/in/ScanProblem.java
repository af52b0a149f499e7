package dev.conduit.application.port.in;

/**
 * An entry that a scan could not take in as it is.
 *
 * @param path   the entry, relative to the root
 * @param reason what went wrong, in words
 * @param error  true when the entry could not be read (the index may be behind for it); false for a warning, such as
 *               a FIFO that is skipped by design
 */
public record ScanProblem(String path, String reason, boolean error) {}
