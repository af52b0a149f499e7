package dev.conduit.domain.ignore;

import dev.conduit.domain.index.ReservedNames;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * The ignore rules in force for one root: gitignore semantics, the last matching pattern wins.
 *
 * <p>Conduit's own temporary files and trash are always ignored, whatever the patterns say. OS clutter
 * ({@code .DS_Store}, {@code Thumbs.db}, {@code desktop.ini}) is ignored by the {@link #defaults()}, and a user's
 * {@code !} pattern can bring it back.
 */
public final class IgnoreRules {

    public static final List<String> OS_CLUTTER = List.of(".DS_Store", "Thumbs.db", "desktop.ini");

    private static final IgnoreRules NONE = new IgnoreRules(List.empty());

    private final List<IgnorePattern> patterns;
    private final IgnorePattern[] newestFirst;

    private IgnoreRules(List<IgnorePattern> patterns) {
        this.patterns = patterns;
        this.newestFirst = patterns.reverse().toJavaArray(IgnorePattern[]::new);
    }

    /** Only Conduit's own files are ignored. */
    public static IgnoreRules none() {
        return NONE;
    }

    /** Conduit's own files and OS clutter. */
    public static IgnoreRules defaults() {
        return NONE.with(RelativePath.ROOT, OS_CLUTTER);
    }

    /** These rules followed by the patterns of {@code lines}, relative to {@code base}; later ones win. */
    public IgnoreRules with(RelativePath base, Iterable<String> lines) {
        List<IgnorePattern> added = List.ofAll(lines).flatMap(line -> IgnorePattern.parse(base, line));
        return added.isEmpty() ? this : new IgnoreRules(patterns.appendAll(added));
    }

    /**
     * Whether the path itself is ignored. Callers that walk a tree never descend into an ignored directory, so they
     * need not ask about the ancestors; {@link #excludes} does.
     */
    public boolean ignores(RelativePath path, boolean isDirectory) {
        if (path.isRoot()) {
            return false;
        }
        if (ReservedNames.isReserved(path.name())) {
            return true;
        }
        for (IgnorePattern pattern : newestFirst) {
            if (pattern.matches(path, isDirectory)) {
                return !pattern.isNegated();
            }
        }
        return false;
    }

    /** Whether the path or any directory above it is ignored: as gitignore, a file in an ignored folder stays out. */
    public boolean excludes(RelativePath path, boolean isDirectory) {
        if (path.isRoot()) {
            return false;
        }
        RelativePath parent = path.parent();
        return !parent.isRoot() && excludes(parent, true) || ignores(path, isDirectory);
    }

    public Seq<IgnorePattern> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return "IgnoreRules" + patterns.map(IgnorePattern::toString).mkString("[", ", ", "]");
    }
}
