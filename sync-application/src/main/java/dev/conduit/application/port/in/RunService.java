package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Schedule;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;

/**
 * The service ({@code conduit daemon}): keeps the index of every enabled conduit's roots live from file-system
 * events, and runs each conduit when its schedule says (manual: never on its own; interval; instant: a quiet period
 * after a change under either root). The one entry point of a daemon process: it starts the service and closes it.
 */
public interface RunService {

    /** Starts watching and scheduling; returns at once. The caller closes the handle (on SIGTERM, say). */
    Running start(Options options);

    /**
     * @param quietPeriod how long no event must come before what changed is indexed and an instant conduit synced
     *                    (a burst of changes gives one sync)
     * @param maxParallel how many conduits are indexed or synced at once
     * @param pollEvery   how often a root is scanned whole when it cannot be watched (the watch limit was reached)
     */
    record Options(Duration quietPeriod, int maxParallel, Duration pollEvery) {

        public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);
        public static final Options DEFAULT = new Options(Schedule.DEFAULT_QUIET_PERIOD, 2);

        public Options {
            if (quietPeriod == null || quietPeriod.isNegative() || maxParallel < 1 || pollEvery == null) {
                throw new IllegalArgumentException("a quiet period, at least one conduit at once, a poll period");
            }
        }

        public Options(Duration quietPeriod, int maxParallel) {
            this(quietPeriod, maxParallel, DEFAULT_POLL);
        }
    }

    /** The service while it runs. */
    interface Running extends AutoCloseable {

        /** Each enabled conduit as the service sees it now. */
        Seq<ConduitState> state();

        /**
         * A conduit's status (as the library tells it) with what the service knows: its next due time and whether its
         * roots are watched live. A conduit the service does not run (disabled) is not watched and not due.
         */
        default QueryConduits.Status overlay(QueryConduits.Status status) {
            return state().find(state -> state.conduit().equals(status.conduit().id()))
                    .map(state -> status.live(
                            state.nextRun(), state.watching(), Option.some(state.liveIndex()), state.scans()))
                    .getOrElse(() -> status.live(Option.none(), false));
        }

        /**
         * A sync asked for (the command line's {@code sync}, forwarded): from the live index where it is live, at most
         * one sync of a conduit at a time (a second is refused as busy), stopped at a safe point when the service
         * closes.
         */
        Either<Failure, SyncReport> sync(SyncConduit.Command command);

        /**
         * Stops: syncs under way stop at their next safe point (as {@code pause}; the next start carries them on), then
         * the watches end. Returns once nothing runs any more.
         */
        @Override
        void close();
    }

    /**
     * One conduit as the service sees it.
     *
     * @param nextRun when its schedule runs it next, if ever
     * @param source  how fresh the index of its source is
     * @param target  how fresh the index of its target is
     * @param running whether a sync of it runs now (the service's, or one asked of it)
     * @param busy    whether the service works on it now: applying events to its index, or syncing it
     * @param scans   why its next sync scans its roots even while they are watched: the service has not synced it
     *                since it started (that sync scans, and sweeps what a killed process left), or a root overlaps
     *                another conduit's (whose ignore rules may differ); none when it resolves from the live index
     */
    record ConduitState(
            ConduitId conduit,
            String name,
            Schedule schedule,
            Option<Instant> nextRun,
            Freshness source,
            Freshness target,
            boolean running,
            boolean busy,
            Option<String> scans) {

        /** Why the service's first sync of a conduit scans. */
        public static final String FIRST_SYNC_SCANS = "first sync will scan";
        /** Why a conduit whose root overlaps another's always scans. */
        public static final String SHARED_ROOT_SCANS = "syncs scan: a root overlaps another conduit's";

        /** Both roots watched, their index live. */
        public boolean watching() {
            return source.isLive() && target.isLive();
        }

        /**
         * How far its index is trusted, in words: {@link #freshness()}, and while both roots are watched why its next
         * sync scans all the same ("watching; first sync will scan").
         */
        public String liveIndex() {
            return watching() && scans.isDefined() ? freshness() + "; " + scans.get() : freshness();
        }

        /** How fresh both indexes are, in words: one label when the roots agree, else each root's. */
        public String freshness() {
            return source.label().equals(target.label())
                    ? source.label()
                    : "source " + source.label() + ", target " + target.label();
        }
    }

    /** How far the index of one root can be trusted. */
    sealed interface Freshness {

        /** In words for {@code status}: "watching", "rescanning: events were lost", "polling every 30 s: watch limit". */
        String label();

        default boolean isLive() {
            return false;
        }

        /** Every event under the root has been applied: the index is what the disk holds. */
        record Watching() implements Freshness {
            @Override
            public String label() {
                return "watching";
            }

            @Override
            public boolean isLive() {
                return true;
            }
        }

        /** Scanned again, since events may have been missed (start, overflow, a root back). */
        record Rescanning(String why) implements Freshness {
            @Override
            public String label() {
                return "rescanning: " + why;
            }
        }

        /** Cannot be watched (the watch limit): scanned whole every so often. */
        record Polling(Duration every, String why) implements Freshness {
            @Override
            public String label() {
                return "polling every " + every.toSeconds() + " s: " + why;
            }
        }

        /** Not watched: the conduit is paused, or its root is gone. */
        record NotWatched(String why) implements Freshness {
            @Override
            public String label() {
                return "not watched: " + why;
            }
        }
    }
}
