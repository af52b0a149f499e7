package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.generation.FinishedSyncs;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.plan.SyncTotals;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** What conduits are doing and have done. */
public interface QueryConduits {

    /** Every conduit, as recorded ({@code list}). */
    Seq<Conduit> conduits();

    /** One conduit by its id or name ({@code show}). */
    Either<Failure, Conduit> conduit(String ref);

    /** Every conduit's status, or one's. */
    Either<Failure, Seq<Status>> status(Option<String> ref);

    /** The conduit's generations, newest first. */
    Either<Failure, Seq<Generation>> history(String ref, int limit);

    /** Totals over every conduit, location and version in the trash. */
    Stats stats();

    /**
     * @param progress where the running sync has got to; none when idle
     * @param nextRun  when its schedule next runs it on its own, if ever (as a service would: the schedule and the last
     *                 completion; an instant conduit's only once a service saw a change)
     * @param watching whether a service keeps the index of its roots live (false when none runs)
     * @param liveIndex how far the service trusts each root's index, in words, when a service runs the conduit
     * @param scans    why its next sync scans its roots although they are watched (the service's first sync of it;
     *                 a root shared with another conduit); none when it resolves from the live index, or nothing
     *                 watches
     */
    record Status(
            Conduit conduit,
            boolean syncing,
            Option<SyncProgress> progress,
            SyncTotals totals,
            Option<Generation> last,
            long pendingConflicts,
            Seq<dev.conduit.domain.generation.JobRecord> jobs,
            Option<java.time.Instant> nextRun,
            boolean watching,
            Option<String> liveIndex,
            Option<String> scans) {

        /** The same status as a running service sees it: its due time and whether it watches the roots. */
        public Status live(Option<java.time.Instant> due, boolean watched) {
            return live(due, watched, Option.none());
        }

        /**
         * The same, with how far the service trusts each root's index, in words ("watching", "rescanning: events were
         * lost", "polling every 30 s: watch limit"), when it runs the conduit.
         */
        public Status live(Option<java.time.Instant> due, boolean watched, Option<String> index) {
            return live(due, watched, index, Option.none());
        }

        /** The same, with why its next sync scans although the roots are watched ("first sync will scan"). */
        public Status live(
                Option<java.time.Instant> due, boolean watched, Option<String> index, Option<String> scanning) {
            return new Status(
                    conduit,
                    syncing,
                    progress,
                    totals,
                    last,
                    pendingConflicts,
                    jobs,
                    due,
                    watched,
                    index,
                    watched ? scanning : Option.none());
        }
    }

    record Stats(
            long conduits,
            long enabled,
            long paused,
            long syncs,
            long filesSynced,
            long bytesTransferred,
            long locations,
            long indexEntries,
            long trashedVersions,
            long trashedBytes,
            FinishedSyncs lastDay,
            FinishedSyncs ever) {}
}
