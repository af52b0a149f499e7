package dev.conduit.domain.conflict;

import dev.conduit.domain.conduit.Side;
import dev.conduit.domain.path.RelativePath;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The names under which a conflict's loser is kept beside the winner: {@code NAME (conflict YYYY-MM-DD HHMMSS
 * SIDE).EXT}, where the time is the losing version's modification time in local time, SIDE is where that version came
 * from, and {@code .EXT} is the last extension (none for a name without a dot after its first character, so
 * {@code .bashrc (conflict …)}). When that name is taken, {@code  2}, {@code  3} … goes before the extension.
 */
public final class ConflictNames {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss");
    private static final Pattern COPY =
            Pattern.compile(".+ \\(conflict \\d{4}-\\d{2}-\\d{2} \\d{6} (source|target)\\)( \\d+)?(\\.[^.]+)?");

    private ConflictNames() {}

    /** The first free conflict name for the loser of {@code path}, a version from {@code side}. */
    public static RelativePath copyOf(
            RelativePath path, long mtimeNanos, Side side, ZoneId zone, Predicate<RelativePath> taken) {
        String name = path.name();
        int dot = name.lastIndexOf('.');
        boolean extension = dot > 0 && dot < name.length() - 1;
        String stem = extension ? name.substring(0, dot) : name;
        String suffix = extension ? name.substring(dot) : "";
        String time = TIME.format(Instant.ofEpochSecond(0, mtimeNanos).atZone(zone));
        String base = stem + " (conflict " + time + " " + side.label() + ")";
        for (int attempt = 1; ; attempt++) {
            RelativePath candidate = path.parent().child(base + (attempt == 1 ? "" : " " + attempt) + suffix);
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    /** Whether a name is a conflict copy's: such a path never becomes a conflict of its own. */
    public static boolean isConflictCopy(RelativePath path) {
        if (path.isRoot()) {
            return false;
        }
        String name = path.name();
        return name.contains(" (conflict ") && COPY.matcher(name).matches(); // the test first: every path asks
    }

    /** Whether {@code candidate} is a conflict copy of {@code path} (a sibling named after it). */
    public static boolean isCopyOf(RelativePath candidate, RelativePath path) {
        if (!candidate.parent().equals(path.parent()) || !isConflictCopy(candidate)) {
            return false;
        }
        String name = path.name();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 && dot < name.length() - 1 ? name.substring(0, dot) : name;
        return candidate.name().startsWith(stem + " (conflict ");
    }
}
