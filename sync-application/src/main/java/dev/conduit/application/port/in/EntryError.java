package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Side;

/**
 * One entry that a sync or its scans could not handle; the rest of the sync went on.
 *
 * @param side   the side where it failed: the one that could not be read, or the one that could not be written
 * @param path   the entry, relative to that side's root ({@code .} for the root itself)
 * @param reason what went wrong, in a few words, without the path
 */
public record EntryError(Side side, String path, String reason) {

    /** One line for people and logs: side, path, reason. */
    public String describe() {
        return side.label() + " " + path + ": " + reason;
    }
}
