package dev.conduit.domain.index;

public record LocationId(long value) {

    public LocationId {
        if (value <= 0) {
            throw new IllegalArgumentException("location ids are positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
