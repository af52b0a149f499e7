package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.EndpointAddress;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.ManageConduits;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.domain.conduit.Conduit;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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

    @Parameters(
            paramLabel = "CONDUIT",
            arity = "0..*",
            description = "Conduits by id or name; or SOURCE TARGET to make or reuse the conduit for that pair.")
    java.util.List<String> targets = new java.util.ArrayList<>();

    @Option(names = "--all", description = "Every enabled conduit.")
    boolean all;

    @Option(names = "--dry-run", description = "Only show the plan (same as conduit plan).")
    boolean dryRun;

    @Mixin
    SyncLimits limits;

    @Mixin
    SettingsOptions settings;

    /** Set by the first Ctrl-C: the sync under way stops at a safe point, and no other starts. */
    private final AtomicBoolean interrupted = new AtomicBoolean();

    private final Provider<SyncConduit> sync;
    private final Provider<ManageConduits> conduits;
    private final Console console;
    private final CtrlC ctrlC;

    @Inject
    SyncCommand(Provider<SyncConduit> sync, Provider<ManageConduits> conduits, Console console, CtrlC ctrlC) {
        this.sync = sync;
        this.conduits = conduits;
        this.console = console;
        this.ctrlC = ctrlC;
    }

    @Override
    public Integer call() {
        limits.check(spec);
        if (all == !targets.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
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
                break; // Ctrl-C stops the whole run, not one conduit
            }
            int result = dryRun ? PlanCommand.print(root, console, sync.get(), ref, limits.full) : syncOne(ref);
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
            Either<Failure, EndpointAddress> from = LocalPaths.of("source", targets.get(0));
            Either<Failure, EndpointAddress> to = LocalPaths.of("target", targets.get(1));
            if (from.isLeft() || to.isLeft()) {
                return Either.left(from.isLeft() ? from.getLeft() : to.getLeft());
            }
            EndpointAddress source = from.get();
            EndpointAddress target = to.get();
            if (dryRun) { // a dry run makes nothing, not even the conduit
                return manage.findPair(source, target)
                        .<Seq<String>>map(conduit -> List.of(conduit.id().toString()))
                        .toEither(() -> Failure.refused("no conduit syncs " + targets.get(0) + " and "
                                + targets.get(1)
                                + " yet; a dry run makes none (conduit add them first, then conduit plan)"));
            }
            return manage.findOrAdd(source, target, settings.change())
                    .map(conduit -> List.of(conduit.id().toString()));
        }
        if (!settings.change().isEmpty()) {
            return Either.left(Failure.usage(
                    List.of("the options of add go with SOURCE TARGET; use conduit edit " + "to change a conduit")));
        }
        return Either.right(List.ofAll(targets));
    }

    /**
     * Two arguments that are not both conduits, the first of them a directory — or a path (with a slash) that names no
     * conduit, so that a mistyped source is said to be missing rather than not a conduit: SOURCE TARGET.
     */
    private boolean looksLikeAPair(ManageConduits manage) {
        String first = targets.get(0);
        boolean bothConduits =
                manage.find(first).isRight() && manage.find(targets.get(1)).isRight();
        return !bothConduits
                && (Files.isDirectory(Path.of(first))
                        || LocalPaths.isRemote(first)
                        || LocalPaths.isRemote(targets.get(1))
                        || first.contains("/") && manage.find(first).isLeft());
    }

    /** A failure outweighs pending conflicts, which outweigh success. */
    private static int worse(int a, int b) {
        if (a == ExitCodes.FAILURE || b == ExitCodes.FAILURE) {
            return ExitCodes.FAILURE;
        }
        return Math.max(a, b);
    }

    private int syncOne(String ref) {
        return new SyncRun(root, console, sync.get(), interrupted, ctrlC).run(ref, limits);
    }
}
