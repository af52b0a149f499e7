package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.ManageConduits;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.application.port.in.SyncReport;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.sync.DeleteLimit;
import dev.conduit.domain.sync.Generation;
import dev.conduit.domain.sync.Conflict;
import dev.conduit.domain.sync.SyncAction;
import dev.conduit.domain.sync.SyncProgress;
import dev.conduit.domain.sync.Verification;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code sync CONDUIT... | --all | SOURCE TARGET}. With {@code --json} it prints JSON lines: events (phases, and every
 * error; every action with {@code -v}), then one summary line per conduit.
 */
@Command(name = "sync", description = "Index both sides, then copy, delete and verify: one generation per conduit.")
final class SyncCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CONDUIT", arity = "0..*",
        description = "Conduits by id or name; or SOURCE TARGET to make or reuse the conduit for that pair.")
    java.util.List<String> targets = new java.util.ArrayList<>();

    @Option(names = "--all", description = "Every enabled conduit.")
    boolean all;

    @Option(names = "--dry-run", description = "Only show the plan (same as conduit plan).")
    boolean dryRun;

    @Option(names = "--max-delete", paramLabel = "PERCENT",
        description = "Refuse a plan that deletes more than this share of the target's files (default 50).")
    int maxDelete = DeleteLimit.DEFAULT.percent();

    @Option(names = "--force",
        description = "Sync a root that is suddenly empty or was replaced, and a plan beyond --max-delete.")
    boolean force;

    @Mixin
    SettingsOptions settings;

    /** Set by the first Ctrl-C: the sync under way stops at a safe point, and no other starts. */
    private final AtomicBoolean interrupted = new AtomicBoolean();

    private final Provider<SyncConduit> sync;
    private final Provider<ManageConduits> conduits;
    private final Console console;

    @Inject
    SyncCommand(Provider<SyncConduit> sync, Provider<ManageConduits> conduits, Console console) {
        this.sync = sync;
        this.conduits = conduits;
        this.console = console;
    }

    @Override
    public Integer call() {
        if (maxDelete < 0 || maxDelete > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--max-delete is a percentage from 0 to 100, was " + maxDelete);
        }
        if (all == !targets.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                all ? "--all syncs every conduit; name none" : "name a conduit, SOURCE TARGET, or --all");
        }
        Either<Failure, Seq<String>> chosen = chosen();
        if (chosen.isLeft()) {
            return Failures.report(console, root, chosen.getLeft());
        }
        if (chosen.get().isEmpty() && !root.json() && !root.quiet()) {
            console.line("No enabled conduits to sync (conduit list shows them all).");
        }
        int exit = ExitCodes.OK;
        for (String ref : chosen.get()) {
            if (interrupted.get()) {
                break;                                            // Ctrl-C stops the whole run, not one conduit
            }
            int result = dryRun ? PlanCommand.print(root, console, sync.get(), ref) : syncOne(ref);
            exit = worse(exit, result == ExitCodes.USAGE ? ExitCodes.FAILURE : result);
        }
        return exit;
    }

    /** The conduits to sync: all enabled ones, the pair's (made if need be), or the ones named. */
    private Either<Failure, Seq<String>> chosen() {
        ManageConduits manage = conduits.get();
        if (all) {
            return Either.right(manage.list().filter(Conduit::enabled).map(c -> c.id().toString()));
        }
        if (targets.size() == 2 && looksLikeAPair(manage)) {
            Path source = Path.of(targets.get(0));
            Path target = Path.of(targets.get(1));
            if (dryRun) {                                   // a dry run makes nothing, not even the conduit
                return manage.findPair(source, target).<Seq<String>>map(conduit -> List.of(conduit.id().toString()))
                    .toEither(() -> Failure.refused("no conduit syncs " + source + " and " + target
                        + " yet; a dry run makes none (conduit add them first, then conduit plan)"));
            }
            return manage.findOrAdd(source, target, settings.change())
                .map(conduit -> List.of(conduit.id().toString()));
        }
        if (!settings.change().isEmpty()) {
            return Either.left(Failure.usage(List.of("the options of add go with SOURCE TARGET; use conduit edit "
                + "to change a conduit")));
        }
        return Either.right(List.ofAll(targets));
    }

    /** Two arguments that are not both conduits, the first of them a directory: SOURCE TARGET. */
    private boolean looksLikeAPair(ManageConduits manage) {
        boolean bothConduits = manage.find(targets.get(0)).isRight() && manage.find(targets.get(1)).isRight();
        return !bothConduits && Files.isDirectory(Path.of(targets.get(0)));
    }

    /** A failure outweighs pending conflicts, which outweigh success. */
    private static int worse(int a, int b) {
        if (a == ExitCodes.FAILURE || b == ExitCodes.FAILURE) {
            return ExitCodes.FAILURE;
        }
        return Math.max(a, b);
    }

    private int syncOne(String ref) {
        boolean json = root.json();
        boolean progress = console.interactive() && !json && !root.quiet();
        try (ProgressDisplay bar = progress ? ProgressDisplay.start("Syncing", " files", "copied")
            : ProgressDisplay.none()) {
            Either<Failure, SyncReport> result;
            try (Interrupts ignored = Interrupts.onCtrlC(() -> {
                if (!interrupted.compareAndSet(false, true)) {
                    return false;                                 // a second Ctrl-C: stop now, temp files removed
                }
                console.error("stopping at the next safe point (Ctrl-C again to stop at once)");
                return true;
            })) {
                result = sync.get().sync(ref, new SyncConduit.Options(force, new DeleteLimit(maxDelete),
                    interrupted::get), new Events(bar));
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
            for (String problem : report.problems()) {
                console.error(problem);
            }
            if (!root.quiet()) {
                console.line(String.format("%s %s (generation %d) in %s: %s copied (%s), %s deleted, %s errors, %s",
                    report.stopped() ? "Stopped" : "Synced", report.conduit().name(), generation.number(),
                    Console.seconds(report.elapsed().toMillis()),
                    Console.count(generation.counts().filesCopied()),
                    Console.bytes(generation.counts().bytesTransferred()),
                    Console.count(generation.counts().filesDeleted()), Console.count(generation.counts().errors()),
                    generation.verification().label()));
                if (generation.counts().conflicts() > 0 || report.pendingConflicts() > 0) {
                    long found = generation.counts().conflicts();
                    console.line(Console.count(found) + (found == 1 ? " conflict; " : " conflicts; ")
                        + (report.pendingConflicts() == 0 ? "settled (see conduit conflicts --all)"
                        : Console.count(report.pendingConflicts()) + " pending: see conduit conflicts "
                            + report.conduit().id() + ", then conduit resolve ID --keep source|target|both"));
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
                console.error(report.conduit().name() + ": " + Console.count(generation.counts().errors())
                    + " errors; what failed was left as it was (fix it and sync again)");
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
        public void phase(String phase, long files, long total) {
            if (phase.equals("copying")) {
                synchronized (this) {
                    bar.total(files);
                }
            }
            if (root.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("event", "phase");
                json.put("phase", phase);
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
                bar.update(progress.filesDone(), progress.bytesDone(), progress.current());
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

        @Override
        public void done(SyncAction action, long written) {
            if (root.json() && root.verbose()) {
                Map<String, Object> json = ActionJson.of(action);
                json.put("event", "done");
                synchronized (console) {
                    console.json(json);
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

        @Override
        public void failed(SyncAction action, String reason) {
            if (root.json()) {
                Map<String, Object> json = ActionJson.of(action);
                json.put("event", "error");
                json.put("error", reason);
                synchronized (console) {
                    console.json(json);
                }
            }
        }
    }
}
