package dev.conduit.domain.reconcile;

import dev.conduit.domain.parse.Invalid;
import dev.conduit.domain.parse.Labels;
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

    public static Either<Invalid, Keep> parse(String raw) {
        return Labels.parse(values(), Keep::label, raw, "choice");
    }
}
