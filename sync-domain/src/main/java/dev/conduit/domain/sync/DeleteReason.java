package dev.conduit.domain.sync;

/** Why a plan removes an entry. */
public enum DeleteReason {
    /** The sending side has nothing at this path. */
    NOT_IN_SOURCE("not in the source"),
    /** The sending side has a file or link where this directory is: it goes so that the other can take its place. */
    REPLACED("replaced by a file in the source");

    private final String label;

    DeleteReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
