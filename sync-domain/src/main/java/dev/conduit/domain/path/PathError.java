package dev.conduit.domain.path;

/** Why a string is not a valid {@link RelativePath}. */
public enum PathError {
    ABSOLUTE("starts with '/'"),
    EMPTY_SEGMENT("has an empty segment ('//' or a trailing '/')"),
    DOT_SEGMENT("has a '.' or '..' segment"),
    NUL_CHARACTER("contains a NUL character");

    private final String description;

    PathError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
