package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.QueryConduits;
import dev.conduit.domain.generation.FinishedSyncs;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.JobRecord;
import dev.conduit.domain.generation.SyncProgress;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code status}, {@code history} and {@code stats}: what conduits are doing and have done. */
final class StatusCommands {

    @Command(name = "stats", description = "Totals over all conduits, the index and the trash.")
    static final class Stats implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        private final Provider<QueryConduits> query;
        private final Console console;

        @Inject
        Stats(Provider<QueryConduits> query, Console console) {
            this.query = query;
            this.console = console;
        }

        @Override
        public Integer call() {
            QueryConduits.Stats stats = query.get().stats();
            if (root.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("conduits", stats.conduits());
                json.put("enabled", stats.enabled());
                json.put("paused", stats.paused());
                json.put("syncs", stats.syncs());
                json.put("filesSynced", stats.filesSynced());
                json.put("bytesTransferred", stats.bytesTransferred());
                json.put("locations", stats.locations());
                json.put("indexEntries", stats.indexEntries());
                json.put("trashedVersions", stats.trashedVersions());
                json.put("trashedBytes", stats.trashedBytes());
                json.put("lastDay", finishedJson(stats.lastDay()));
                json.put("ever", finishedJson(stats.ever()));
                console.json(json);
                return ExitCodes.OK;
            }
            console.line(String.format(
                    "%-18s %s (%s enabled, %s paused)",
                    "conduits",
                    Console.count(stats.conduits()),
                    Console.count(stats.enabled()),
                    Console.count(stats.paused())));
            console.line(String.format("%-18s %s", "syncs", Console.count(stats.syncs())));
            console.line(String.format(
                    "%-18s %s files, %s",
                    "synced", Console.count(stats.filesSynced()), Console.bytes(stats.bytesTransferred())));
            console.line(String.format(
                    "%-18s %s entries in %s locations",
                    "index", Console.count(stats.indexEntries()), Console.count(stats.locations())));
            console.line(String.format(
                    "%-18s %s, %s",
                    "trash",
                    Console.counted(stats.trashedVersions(), "version", "versions"),
                    Console.bytes(stats.trashedBytes())));
            console.line(String.format("%-18s %s", "last 24 hours", finished(stats.lastDay())));
            console.line(String.format("%-18s %s", "success rate", rate(stats.ever())));
            return ExitCodes.OK;
        }

        /** {@code 12 syncs, 340 files, 1.2 MiB, 100.0 % verified}. */
        private static String finished(FinishedSyncs finished) {
            return Console.counted(finished.syncs(), "sync", "syncs") + ", "
                    + Console.counted(finished.filesSynced(), "file", "files") + ", "
                    + Console.bytes(finished.bytesTransferred()) + ", "
                    + Console.counted(finished.conflicts(), "conflict", "conflicts") + ", "
                    + Console.counted(finished.errors(), "error", "errors")
                    + finished.successRate()
                            .map(rate -> ", " + percent(rate) + " verified, "
                                    + Console.seconds(finished.averageDuration().toMillis()) + " on average")
                            .getOrElse("");
        }

        /** {@code 99.9 % (998 of 999 syncs verified)}, or that none has finished yet. */
        private static String rate(FinishedSyncs ever) {
            return ever.successRate()
                    .map(rate -> percent(rate) + " (" + Console.count(ever.verified()) + " of "
                            + Console.counted(ever.syncs(), "sync", "syncs") + " verified)")
                    .getOrElse("no sync has finished yet");
        }

        /** One decimal, never rounded up to 100 % while a sync failed. */
        private static String percent(double rate) {
            double floored = Math.floor(rate * 10) / 10;
            return String.format(java.util.Locale.ROOT, "%.1f %%", floored);
        }

        private static Map<String, Object> finishedJson(FinishedSyncs finished) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("syncs", finished.syncs());
            json.put("verified", finished.verified());
            json.put("filesSynced", finished.filesSynced());
            json.put("bytesTransferred", finished.bytesTransferred());
            json.put("conflicts", finished.conflicts());
            json.put("errors", finished.errors());
            json.put("averageMillis", finished.averageDuration().toMillis());
            json.put("successRate", finished.successRate().getOrNull());
            return json;
        }
    }

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private StatusCommands() {}

    static String time(Instant instant) {
        return LOCAL_TIME.format(instant);
    }

    @Command(name = "status", description = "Syncing or idle, progress, last completion, last error.")
    static final class Status implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        @Parameters(paramLabel = "CONDUIT", arity = "0..1", description = "One conduit (default: all).")
        String ref;

        private final Provider<QueryConduits> query;
        private final Console console;
        private final LiveRuntime live;

        @Inject
        Status(Provider<QueryConduits> query, Console console, LiveRuntime live) {
            this.query = query;
            this.console = console;
            this.live = live;
        }

        @Override
        public Integer call() {
            Either<Failure, Seq<QueryConduits.Status>> found =
                    query.get().status(io.vavr.control.Option.of(ref)).map(all -> all.map(live::overlay));
            if (found.isLeft()) {
                return Failures.report(console, root, found.getLeft());
            }
            if (root.json()) {
                console.json(found.get().map(Status::json).toJavaList());
                return ExitCodes.OK;
            }
            if (found.get().isEmpty()) {
                console.line("No conduits yet (conduit add SOURCE TARGET makes one).");
            }
            for (QueryConduits.Status status : found.get()) {
                console.line(status.conduit().id() + " " + status.conduit().name() + ": " + state(status));
                status.progress().forEach(progress -> console.line("    " + progress(progress)));
                console.line("    last sync: "
                        + status.totals()
                                .lastCompletedAt()
                                .map(StatusCommands::time)
                                .getOrElse("never")
                        + status.last()
                                .map(g -> " (generation " + g.number() + ", "
                                        + g.verification().label() + ")")
                                .getOrElse(""));
                status.totals().lastError().forEach(error -> console.line("    last error: " + error));
                console.line("    schedule: " + schedule(status));
                console.line("    pending conflicts: " + status.pendingConflicts());
                for (JobRecord job : status.jobs()) {
                    console.line(String.format(
                            "    job %d: %s %s, %s (%s done, %s failed, %s%s)",
                            job.id(),
                            job.kind(),
                            job.direction().label(),
                            job.state().label(),
                            Console.count(job.itemsDone()),
                            Console.count(job.itemsFailed()),
                            Console.bytes(job.bytes()),
                            job.resumes()
                                    .map(earlier -> "; carries on job " + earlier)
                                    .getOrElse("")));
                }
            }
            return ExitCodes.OK;
        }

        /** {@code copying: 1,204 of 5,000 files, 12.0 MiB of 96.0 MiB, 4.1 MiB/s, about 21 s left, at docs/a.txt}. */
        static String progress(SyncProgress progress) {
            StringBuilder line = new StringBuilder(progress.phase())
                    .append(": ")
                    .append(Console.count(progress.filesDone()))
                    .append(" of ")
                    .append(Console.counted(progress.filesTotal(), "file", "files"))
                    .append(", ")
                    .append(Console.bytes(progress.bytesDone()))
                    .append(" of ")
                    .append(Console.bytes(progress.bytesTotal()));
            if (progress.bytesPerSecond() > 0) {
                line.append(", ")
                        .append(Console.bytes(progress.bytesPerSecond()))
                        .append("/s");
            }
            progress.etaSeconds()
                    .filter(seconds -> seconds > 0)
                    .forEach(seconds -> line.append(", about ")
                            .append(Console.duration(seconds))
                            .append(" left"));
            if (!progress.current().isEmpty()) {
                line.append(", at ").append(progress.current());
            }
            return line.toString();
        }

        /**
         * {@code interval:15m, next run 2026-12-02 10:15:00, not watched}; {@code instant, watched live}; {@code instant,
         * watched; first sync will scan}.
         */
        private static String schedule(QueryConduits.Status status) {
            return status.conduit().settings().schedule().label()
                    + status.nextRun().map(at -> ", next run " + time(at)).getOrElse("")
                    + (status.watching()
                            ? status.scans().map(why -> ", watched; " + why).getOrElse(", watched live")
                            : status.liveIndex().map(words -> ", " + words).getOrElse(", not watched"));
        }

        /** Syncing, paused, idle or disabled: one word, for JSON. */
        private static String stateWord(QueryConduits.Status status) {
            return status.syncing()
                    ? "syncing"
                    : status.conduit().isPaused() ? "paused" : status.conduit().enabled() ? "idle" : "disabled";
        }

        /** The word, with why for a pause. */
        private static String state(QueryConduits.Status status) {
            String word = stateWord(status);
            return word.equals("paused")
                    ? "paused: " + status.conduit().pausedBecause().get()
                    : word;
        }

        private static Map<String, Object> json(QueryConduits.Status status) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("conduit", status.conduit().id().value());
            json.put("name", status.conduit().name().value());
            json.put("state", stateWord(status));
            json.put("paused", status.conduit().pausedBecause().getOrNull());
            SyncProgress progress = status.progress().getOrNull();
            if (progress == null) {
                ProgressJson.FIELDS.forEach(field -> json.put(field, null));
            } else {
                json.putAll(ProgressJson.of(progress));
            }
            json.put(
                    "lastCompletion",
                    status.totals().lastCompletedAt().map(Instant::toString).getOrNull());
            json.put("lastError", status.totals().lastError().getOrNull());
            json.put(
                    "lastVerification",
                    status.last().map(g -> g.verification().label()).getOrNull());
            json.put("totalSyncs", status.totals().syncs());
            json.put("filesSynced", status.totals().filesSynced());
            json.put("bytesTransferred", status.totals().bytesTransferred());
            json.put("pendingConflicts", status.pendingConflicts());
            json.put("schedule", status.conduit().settings().schedule().label());
            json.put("nextRun", status.nextRun().map(Instant::toString).getOrNull());
            json.put("watching", status.watching());
            json.put("liveIndex", status.liveIndex().getOrNull());
            json.put(
                    "jobs",
                    status.jobs()
                            .map(job -> {
                                Map<String, Object> one = new LinkedHashMap<>();
                                one.put("id", job.id());
                                one.put("generation", job.generation());
                                one.put("kind", job.kind());
                                one.put("direction", job.direction().label());
                                one.put("state", job.state().label());
                                one.put("itemsDone", job.itemsDone());
                                one.put("itemsFailed", job.itemsFailed());
                                one.put("bytes", job.bytes());
                                one.put("resumes", job.resumes().getOrNull());
                                one.put(
                                        "startedAt",
                                        job.startedAt().map(Instant::toString).getOrNull());
                                one.put(
                                        "endedAt",
                                        job.endedAt().map(Instant::toString).getOrNull());
                                return one;
                            })
                            .toJavaList());
            return json;
        }
    }

    @Command(name = "history", description = "One row per generation of a conduit, newest first.")
    static final class History implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        @Parameters(paramLabel = "CONDUIT", description = "Its id or name.")
        String ref;

        @Option(names = "--limit", paramLabel = "N", description = "At most N generations (default 50).")
        int limit = 50;

        private final Provider<QueryConduits> query;
        private final Console console;

        @Inject
        History(Provider<QueryConduits> query, Console console) {
            this.query = query;
            this.console = console;
        }

        @Override
        public Integer call() {
            Either<Failure, Seq<Generation>> found = query.get().history(ref, Math.max(1, limit));
            if (found.isLeft()) {
                return Failures.report(console, root, found.getLeft());
            }
            if (root.json()) {
                console.json(found.get().map(History::json).toJavaList());
                return ExitCodes.OK;
            }
            console.line(String.format(
                    "%5s  %-19s  %-19s  %8s  %8s  %9s  %10s  %6s  %s",
                    "GEN",
                    "STARTED",
                    "COMPLETED",
                    "COPIED",
                    "DELETED",
                    "CONFLICTS",
                    "BYTES",
                    "ERRORS",
                    "VERIFICATION"));
            for (Generation generation : found.get()) {
                console.line(String.format(
                        "%5d  %-19s  %-19s  %8s  %8s  %9s  %10s  %6s  %s",
                        generation.number(),
                        time(generation.startedAt()),
                        generation.completedAt().map(StatusCommands::time).getOrElse("-"),
                        Console.count(generation.counts().filesCopied()),
                        Console.count(generation.counts().filesDeleted()),
                        Console.count(generation.counts().conflicts()),
                        Console.bytes(generation.counts().bytesTransferred()),
                        Console.count(generation.counts().errors()),
                        generation.verification().label()
                                + generation
                                        .resumedFrom()
                                        .map(resumed -> " (carries on " + resumed + ")")
                                        .getOrElse("")));
            }
            return ExitCodes.OK;
        }

        private static Map<String, Object> json(Generation generation) {
            Map<String, Object> json = GenerationJson.of(null, generation);
            json.put("started", generation.startedAt().toString());
            json.put(
                    "completed", generation.completedAt().map(Instant::toString).getOrNull());
            return json;
        }
    }
}
