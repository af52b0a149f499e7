package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Side;

/**
 * One entry that a sync or its scans could not handle; the rest of the sync went on.
 *
 * @param side    the side where it failed: the one that could not be read, or the one that could not be written
 * @param path    the entry, relative to that side's root ({@code .} for the root itself)
 * @param failure what went wrong, by kind
 */
public record EntryError(Side side, String path, EntryFailure failure) {

    /** What went wrong, in a few words, without the path. */
    public String reason() {
        return failure.reason();
    }

    /** One line for people and logs: side, path, reason. */
    public String describe() {
        return side.label() + " " + path + ": " + reason();
    }
}
