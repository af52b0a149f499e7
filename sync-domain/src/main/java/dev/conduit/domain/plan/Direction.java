package dev.conduit.domain.plan;

import dev.conduit.domain.conduit.Side;

/** Which way an action carries a change. A mirror only ever goes from source to target. */
public enum Direction {
    SOURCE_TO_TARGET("source-to-target", Side.SOURCE, Side.TARGET),
    TARGET_TO_SOURCE("target-to-source", Side.TARGET, Side.SOURCE);

    private final String label;
    private final Side from;
    private final Side to;

    Direction(String label, Side from, Side to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    public String label() {
        return label;
    }

    /** The sending side: where the change is read. */
    public Side from() {
        return from;
    }

    /** The receiving side: the only side an action of this direction writes to or deletes from. */
    public Side to() {
        return to;
    }

    /** The direction that carries a change from {@code side} to the other. */
    public static Direction from(Side side) {
        return side == Side.SOURCE ? SOURCE_TO_TARGET : TARGET_TO_SOURCE;
    }

    /** The direction whose receiving side is {@code side}. */
    public static Direction into(Side side) {
        return side == Side.TARGET ? SOURCE_TO_TARGET : TARGET_TO_SOURCE;
    }
}
