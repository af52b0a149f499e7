package dev.conduit.domain.plan;

/** Why a plan removes an entry. Labels name the sending side of the delete's direction. */
public enum DeleteReason {
    /** Mirror: the sending side has nothing at this path. */
    NOT_IN_SOURCE("not in the %s"),
    /** The sending side has a file or link where this directory is: it goes so that the other can take its place. */
    REPLACED("replaced by a file in the %s"),
    /** Bidirectional: the entry was deleted on the sending side since the last sync, and not changed here. */
    DELETED("deleted in the %s"),
    /** Bidirectional: the entry was changed here but deleted on the sending side, and the user chose the delete. */
    CONFLICT_LOSER("deleted in the %s, chosen over this version");

    private final String label;

    DeleteReason(String label) {
        this.label = label;
    }

    /** Why, in a few words, for a delete in {@code direction}. */
    public String label(Direction direction) {
        return String.format(label, direction.from().label());
    }
}
