package dev.conduit.domain.conduit;

import java.util.Locale;

/** One of a conduit's two roots. */
public enum Side {
    SOURCE,
    TARGET;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The other root of the conduit. */
    public Side other() {
        return this == SOURCE ? TARGET : SOURCE;
    }
}
