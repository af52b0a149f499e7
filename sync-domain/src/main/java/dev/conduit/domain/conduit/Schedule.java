package dev.conduit.domain.conduit;

import dev.conduit.domain.parse.Invalid;
import io.vavr.control.Either;
import java.time.Duration;

/** When a conduit syncs on its own (the daemon carries schedules out; {@code sync} always works). */
public sealed interface Schedule {

    Manual MANUAL = new Manual();
    Instant INSTANT = new Instant();

    /** The spelling on the command line: {@code manual}, {@code instant} or {@code interval:<N><s|m|h|d>}. */
    String label();

    /** Only when asked. */
    record Manual() implements Schedule {
        @Override
        public String label() {
            return "manual";
        }
    }

    /** As soon as a watcher sees a change. */
    record Instant() implements Schedule {
        @Override
        public String label() {
            return "instant";
        }
    }

    /** Every {@code every}, at least a second apart. */
    record Interval(Duration every) implements Schedule {

        public Interval {
            if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("an interval is at least one second");
            }
        }

        @Override
        public String label() {
            long seconds = every.toSeconds();
            if (seconds % 86_400 == 0) {
                return "interval:" + seconds / 86_400 + "d";
            }
            if (seconds % 3_600 == 0) {
                return "interval:" + seconds / 3_600 + "h";
            }
            if (seconds % 60 == 0) {
                return "interval:" + seconds / 60 + "m";
            }
            return "interval:" + seconds + "s";
        }
    }

    static Either<Invalid, Schedule> parse(String raw) {
        if ("manual".equals(raw)) {
            return Either.right(MANUAL);
        }
        if ("instant".equals(raw)) {
            return Either.right(INSTANT);
        }
        String expected = "unknown schedule '" + raw + "' (manual, instant, or interval:<N> with s, m, h or d, "
                + "like interval:15m)";
        if (raw == null || !raw.startsWith("interval:") || raw.length() < "interval:1s".length()) {
            return Either.left(new Invalid("schedule", raw, expected));
        }
        String amount = raw.substring("interval:".length(), raw.length() - 1);
        long unitSeconds = switch (raw.charAt(raw.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3_600;
            case 'd' -> 86_400;
            default -> 0;
        };
        if (unitSeconds == 0
                || amount.isEmpty()
                || !amount.chars().allMatch(c -> c >= '0' && c <= '9')
                || amount.length() > 9) {
            return Either.left(new Invalid("schedule", raw, expected));
        }
        long n = Long.parseLong(amount);
        if (n == 0) {
            return Either.left(new Invalid("schedule", raw, "an interval must be positive: '" + raw + "'"));
        }
        return Either.right(new Interval(Duration.ofSeconds(n * unitSeconds)));
    }
}
