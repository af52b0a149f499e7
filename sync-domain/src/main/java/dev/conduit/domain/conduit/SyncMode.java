package dev.conduit.domain.conduit;

import dev.conduit.domain.parse.Invalid;
import dev.conduit.domain.parse.Labels;
import io.vavr.control.Either;
import java.util.Locale;

/** Which way changes flow. */
public enum SyncMode {
    /** One way: the target becomes an exact copy of the source. */
    MIRROR,
    /** Both ways, three-way against the state of the last sync; conflicts settled by the conduit's policy. */
    BIDIRECTIONAL;

    /** The spelling on the command line and in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Either<Invalid, SyncMode> parse(String raw) {
        return Labels.parse(values(), SyncMode::label, raw, "mode");
    }
}
