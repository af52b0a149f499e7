package dev.conduit.domain.conduit;

import dev.conduit.domain.parse.Invalid;
import dev.conduit.domain.parse.Labels;
import io.vavr.control.Either;
import java.util.Locale;

/** What happens to a version that a sync removes or overwrites. */
public enum DeletePolicy {
    /** Moved into the trash, from where it can be restored. */
    TRASH,
    /** Gone. */
    PERMANENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Either<Invalid, DeletePolicy> parse(String raw) {
        return Labels.parse(values(), DeletePolicy::label, raw, "delete policy");
    }
}
