package dev.conduit.domain.conduit;

/** The library's number for a conduit: stable for its life, never reused while it exists. */
public record ConduitId(long value) {

    public ConduitId {
        if (value <= 0) {
            throw new IllegalArgumentException("a conduit id is positive, was " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
