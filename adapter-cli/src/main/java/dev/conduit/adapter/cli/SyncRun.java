package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncPhase;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.generation.Generation;
import dev.conduit.domain.generation.SyncProgress;
import dev.conduit.domain.generation.Verification;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Either;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One conduit's sync as the command line runs it, for {@code sync} and for {@code resume}: the progress bar on a
 * terminal, Ctrl-C as a stop at the next safe point, events as JSON lines, and the summary with its exit code.
 */
final class SyncRun {

    private final RootCommand root;
    private final Console console;
    private final SyncConduit sync;
    /** Set by the first Ctrl-C: the sync under way stops at a safe point (and the caller starts no other). */
    private final AtomicBoolean interrupted;

    private final CtrlC ctrlC;

    SyncRun(RootCommand root, Console console, SyncConduit sync, AtomicBoolean interrupted, CtrlC ctrlC) {
        this.root = root;
        this.console = console;
        this.sync = sync;
        this.interrupted = interrupted;
        this.ctrlC = ctrlC;
    }

    /** Syncs the conduit; returns the exit code its outcome calls for. */
    int run(String ref, SyncLimits limits) {
        boolean json = root.json();
        boolean progress = console.interactive() && !json && !root.quiet();
        try (ProgressDisplay bar = progress ? console.bars().bytes("Syncing") : ProgressDisplay.none()) {
            Either<Failure, SyncReport> result;
            try (CtrlC.Handling ignored = ctrlC.onCtrlC(() -> {
                if (!interrupted.compareAndSet(false, true)) {
                    return false; // a second Ctrl-C: stop now, temp files removed
                }
                console.error("stopping at the next safe point (Ctrl-C again to stop at once)");
                return true;
            })) {
                result = sync.sync(new SyncConduit.Command(ref, limits.options(interrupted::get), new Events(bar)));
            }
            bar.close();
            if (result.isLeft()) {
                return Failures.report(console, root, result.getLeft());
            }
            return summarize(result.get());
        }
    }

    private int summarize(SyncReport report) {
        Generation generation = report.generation();
        if (root.json()) {
            Map<String, Object> json = GenerationJson.of(report.conduit().id().value(), generation);
            json.put("pendingConflicts", report.pendingConflicts());
            json.put("elapsedMillis", report.elapsed().toMillis());
            console.json(json);
        } else {
            if (!root.quiet()) { // each failed entry was named as it failed
                console.line(String.format(
                        "%s %s (generation %d) in %s: %s copied (%s), %s deleted, %s, %s",
                        report.stopped() ? "Stopped" : "Synced",
                        report.conduit().name(),
                        generation.number(),
                        Console.seconds(report.elapsed().toMillis()),
                        Console.count(generation.counts().filesCopied()),
                        Console.bytes(generation.counts().bytesTransferred()),
                        Console.count(generation.counts().filesDeleted()),
                        Console.counted(generation.counts().errors(), "error", "errors"),
                        generation.verification().label()));
                if (generation.counts().conflicts() > 0 || report.pendingConflicts() > 0) {
                    long found = generation.counts().conflicts();
                    console.line(Console.counted(found, "conflict", "conflicts") + "; "
                            + (report.pendingConflicts() == 0
                                    ? "settled (see conduit conflicts --all)"
                                    : Console.count(report.pendingConflicts()) + " pending: see conduit conflicts "
                                            + report.conduit().id()
                                            + ", then conduit resolve ID --keep source|target|both"));
                }
            }
        }
        if (report.stopped()) {
            if (!root.json()) {
                console.error(report.conduit().name() + " stopped at a safe point, nothing half-written;"
                        + " conduit resume " + report.conduit().id() + " carries it on");
            }
            return ExitCodes.FAILURE;
        }
        if (generation.counts().errors() > 0 || !generation.verification().equals(Verification.VERIFIED)) {
            if (!root.json()) {
                console.error(report.conduit().name() + ": "
                        + Console.counted(generation.counts().errors(), "error", "errors")
                        + "; what failed was left as it was (fix it and sync again)");
            }
            return ExitCodes.FAILURE;
        }
        return report.pendingConflicts() > 0 ? ExitCodes.CONFLICTS_PENDING : ExitCodes.OK;
    }

    /**
     * Prints events as JSON lines — phases, conflicts, errors, and the progress the sync publishes once a second (files
     * and bytes done of the plan's totals, speed, time left, the file at hand) — and moves the progress bar.
     */
    private final class Events implements SyncListener {

        private final ProgressDisplay bar;

        Events(ProgressDisplay bar) {
            this.bar = bar;
        }

        @Override
        public void phase(SyncPhase phase, long files, long total) {
            switch (phase) {
                case COPYING -> {
                    synchronized (this) {
                        bar.total(total); // the bar moves with the bytes; files are counted beside it
                    }
                }
                case INDEXING, DELETING, VERIFYING -> {}
            }
            if (root.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("event", "phase");
                json.put("phase", phase.label());
                if (files > 0 || total > 0) {
                    json.put("filesTotal", files);
                    json.put("bytesTotal", total);
                }
                synchronized (console) {
                    console.json(json);
                }
            }
        }

        @Override
        public void progress(SyncProgress progress) {
            if (root.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("event", "progress");
                json.putAll(ProgressJson.of(progress));
                synchronized (console) {
                    console.json(json);
                }
            }
            synchronized (this) {
                if (SyncPhase.of(progress.phase()).contains(SyncPhase.INDEXING)) {
                    bar.update(
                            0,
                            "indexing: " + Console.count(progress.filesDone()) + " entries, "
                                    + Console.bytes(progress.bytesDone()) + " hashed  " + progress.current());
                } else {
                    bar.update(
                            progress.bytesDone(),
                            Console.count(progress.filesDone()) + " of "
                                    + Console.counted(progress.filesTotal(), "file", "files")
                                    + (progress.bytesPerSecond() > 0
                                            ? ", " + Console.bytes(progress.bytesPerSecond()) + "/s"
                                            : "")
                                    + "  " + progress.current());
                }
            }
        }

        /** Warnings of the scans (FIFOs, sockets, devices skipped by design); errors come with the summary. */
        @Override
        public void scanned(dev.conduit.application.port.in.IndexReport report) {
            for (dev.conduit.application.port.in.ScanProblem problem : report.problems()) {
                if (problem.error()) {
                    continue;
                }
                String path = report.location().root() + "/" + problem.path();
                synchronized (console) {
                    if (root.json()) {
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("event", "warning");
                        json.put("path", path);
                        json.put("warning", problem.reason());
                        console.json(json);
                    } else if (!root.quiet()) {
                        console.warning(path + ": " + problem.reason());
                    }
                }
            }
        }

        /** With {@code -v}: one line per entry carried out, as {@code plan} lists them (a JSON event with --json). */
        @Override
        public void done(SyncAction action, long written) {
            if (!root.verbose()) {
                return;
            }
            synchronized (console) {
                if (root.json()) {
                    Map<String, Object> json = ActionJson.of(action);
                    json.put("event", "done");
                    console.json(json);
                } else {
                    bar.clearLine();
                    console.line(ActionJson.line(action));
                }
            }
        }

        @Override
        public void conflict(Conflict conflict) {
            synchronized (console) {
                if (root.json()) {
                    Map<String, Object> json = ActionJson.of(conflict);
                    json.remove("op");
                    json.put("event", "conflict");
                    console.json(json);
                } else if (!root.quiet()) {
                    console.line(ActionJson.line(conflict));
                }
            }
        }

        /** Every entry that failed, named on stderr (with --json also as an event), whatever -q says. */
        @Override
        public void error(EntryError error) {
            synchronized (console) {
                bar.clearLine();
                console.error("error: " + error.describe());
                if (root.json()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("event", "error");
                    json.put("side", error.side().label());
                    json.put("path", error.path());
                    json.put("reason", error.reason());
                    console.json(json);
                }
            }
        }
    }
}
