package dev.conduit.domain.trash;

/** Why a version went to the trash. */
public enum TrashReason {
    DELETED("deleted"),
    OVERWRITTEN("overwritten"),
    CONFLICT_LOSER("conflict-loser");

    private final String label;

    TrashReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static TrashReason fromLabel(String label) {
        for (TrashReason reason : values()) {
            if (reason.label.equals(label)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("not a trash reason: " + label);
    }
}
