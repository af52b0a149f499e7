package dev.conduit.domain.reconcile;

import dev.conduit.domain.conduit.Labels;
import io.vavr.control.Either;

/** What a user chose for a conflict the {@code ask} policy left pending: {@code resolve ID --keep ...}. */
public enum Keep {
    SOURCE("source"),
    TARGET("target"),
    BOTH("both");

    private final String label;

    Keep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Either<String, Keep> parse(String raw) {
        return Labels.parse(values(), Keep::label, raw, "choice");
    }
}
