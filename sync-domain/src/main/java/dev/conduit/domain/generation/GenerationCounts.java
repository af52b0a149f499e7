package dev.conduit.domain.generation;

/** What one sync did. {@code conflicts} and {@code errors} are counts of paths. */
public record GenerationCounts(
        long filesCopied, long filesDeleted, long conflicts, long bytesTransferred, long errors) {

    public static final GenerationCounts ZERO = new GenerationCounts(0, 0, 0, 0, 0);

    public GenerationCounts {
        if (filesCopied < 0 || filesDeleted < 0 || conflicts < 0 || bytesTransferred < 0 || errors < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    public GenerationCounts plus(GenerationCounts other) {
        return new GenerationCounts(
                filesCopied + other.filesCopied,
                filesDeleted + other.filesDeleted,
                conflicts + other.conflicts,
                bytesTransferred + other.bytesTransferred,
                errors + other.errors);
    }
}
