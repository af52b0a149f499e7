package dev.conduit.domain.conduit;

import dev.conduit.domain.parse.Invalid;
import dev.conduit.domain.parse.Labels;
import io.vavr.control.Either;
import java.util.Locale;

/** How a bidirectional conduit settles a path that changed differently on both sides. */
public enum ConflictPolicy {
    NEWEST_WINS,
    SOURCE_WINS,
    TARGET_WINS,
    LARGEST_WINS,
    KEEP_BOTH,
    ASK;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Either<Invalid, ConflictPolicy> parse(String raw) {
        return Labels.parse(values(), ConflictPolicy::label, raw, "conflict policy");
    }
}
