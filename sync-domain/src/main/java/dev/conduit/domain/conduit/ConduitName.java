package dev.conduit.domain.conduit;

import dev.conduit.domain.parse.Invalid;
import io.vavr.control.Either;

/**
 * What people call a conduit on the command line. Never all digits, so that {@code CONDUIT} arguments are an id when
 * numeric and a name otherwise; no control characters, no leading or trailing blanks.
 */
public record ConduitName(String value) {

    public static final int MAX_LENGTH = 64;

    public ConduitName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static Either<Invalid, ConduitName> parse(String raw) {
        String problem = problemWith(raw);
        return problem == null
                ? Either.right(new ConduitName(raw))
                : Either.left(new Invalid("conduit name", raw, problem));
    }

    /** A name made from a folder's name, for conduits added without one; {@code fallback} when it would be invalid. */
    public static ConduitName suggestedFor(String folderName, String fallback) {
        String trimmed = folderName == null ? "" : folderName.strip();
        if (trimmed.length() > MAX_LENGTH) {
            trimmed = trimmed.substring(0, MAX_LENGTH).strip();
        }
        return parse(trimmed).getOrElse(() -> new ConduitName(fallback));
    }

    private static String problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return "a conduit name cannot be empty";
        }
        if (raw.length() > MAX_LENGTH) {
            return "a conduit name has at most " + MAX_LENGTH + " characters: '" + raw + "'";
        }
        if (!raw.equals(raw.strip())) {
            return "a conduit name cannot start or end with blanks: '" + raw + "'";
        }
        if (raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "a conduit name cannot be a number (numbers are ids): '" + raw + "'";
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            return "a conduit name cannot contain control characters";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
