package dev.conduit.domain.conduit;

import dev.conduit.domain.parse.Invalid;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;

/** When a conduit syncs on its own (the daemon carries schedules out; {@code sync} always works). */
public sealed interface Schedule {

    Manual MANUAL = new Manual();
    Instant INSTANT = new Instant();

    /** The spelling on the command line: {@code manual}, {@code instant} or {@code interval:<N><s|m|h|d>}. */
    String label();

    /**
     * When the conduit is next due, if ever: a pure function of the schedule and what is known at {@code now}. Never
     * earlier than {@code now}, so a due time missed while the machine slept (or no service ran) is one run now, not
     * one per missed interval. None when it never runs on its own (manual), or waits for a change (instant).
     */
    Option<java.time.Instant> nextRun(Due due);

    /**
     * What the next due time of a schedule depends on.
     *
     * @param lastCompleted when the conduit's last sync ended, if it ever ran
     * @param changedAt     when the latest change under either root that no sync has taken yet was seen
     * @param quietPeriod   how long after a change an instant conduit waits for more (a burst gives one sync)
     * @param now           the present
     */
    record Due(
            Option<java.time.Instant> lastCompleted,
            Option<java.time.Instant> changedAt,
            Duration quietPeriod,
            java.time.Instant now) {

        public Due {
            if (lastCompleted == null || changedAt == null || quietPeriod == null || now == null) {
                throw new IllegalArgumentException("every part of a due time is required");
            }
        }

        /** Without a service watching: no change is known, and the default quiet period. */
        public static Due at(Option<java.time.Instant> lastCompleted, java.time.Instant now) {
            return new Due(lastCompleted, Option.none(), DEFAULT_QUIET_PERIOD, now);
        }

        private java.time.Instant notBeforeNow(java.time.Instant at) {
            return at.isBefore(now) ? now : at;
        }
    }

    /** How long an instant conduit waits after the last change it saw, unless told otherwise. */
    Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(2);

    /** Whether the conduit is due at {@code due.now()}. */
    default boolean isDue(Due due) {
        return nextRun(due).exists(at -> !at.isAfter(due.now()));
    }

    /** Only when asked. */
    record Manual() implements Schedule {
        @Override
        public String label() {
            return "manual";
        }

        @Override
        public Option<java.time.Instant> nextRun(Due due) {
            return Option.none();
        }
    }

    /**
     * As soon as a watcher sees a change, once no other change came for the quiet period; now when it never synced
     * (everything is new).
     */
    record Instant() implements Schedule {
        @Override
        public String label() {
            return "instant";
        }

        @Override
        public Option<java.time.Instant> nextRun(Due due) {
            if (due.lastCompleted().isEmpty()) {
                return Option.some(due.now());
            }
            return due.changedAt().map(changed -> due.notBeforeNow(changed.plus(due.quietPeriod())));
        }
    }

    /** Every {@code every}, at least a second apart. */
    record Interval(Duration every) implements Schedule {

        public Interval {
            if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("an interval is at least one second");
            }
        }

        /** Now when it never ran; else an interval after its last sync ended, or now when that is past. */
        @Override
        public Option<java.time.Instant> nextRun(Due due) {
            return Option.some(due.lastCompleted()
                    .map(last -> due.notBeforeNow(last.plus(every)))
                    .getOrElse(due.now()));
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
