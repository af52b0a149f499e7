package dev.conduit.domain.sync;

/** Which way an action carries a change. A mirror only ever goes from source to target. */
public enum Direction {
    SOURCE_TO_TARGET("source-to-target"),
    TARGET_TO_SOURCE("target-to-source");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
