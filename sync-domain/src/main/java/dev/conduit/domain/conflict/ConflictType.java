package dev.conduit.domain.conflict;

import dev.conduit.domain.parse.Invalid;
import dev.conduit.domain.parse.Labels;
import io.vavr.control.Either;

/** How the two sides of a bidirectional conduit disagree about one path. */
public enum ConflictType {
    /** Both sides changed the entry since the last sync, differently. */
    BOTH_MODIFIED("both-modified"),
    /** One side changed the entry, the other deleted it. */
    MODIFIED_VS_DELETED("modified-vs-deleted"),
    /** One side has a directory where the other has a file or link. */
    TYPE_MISMATCH("type-mismatch"),
    /** No sync has settled the path yet, and the two sides hold different content there. */
    BOTH_CREATED("both-created");

    private final String label;

    ConflictType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Either<Invalid, ConflictType> parse(String raw) {
        return Labels.parse(values(), ConflictType::label, raw, "conflict type");
    }
}
