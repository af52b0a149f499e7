package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.ManageConduits;
import dev.conduit.application.port.in.QueryConduits;
import dev.conduit.domain.conduit.Conduit;
import dev.conduit.domain.conduit.ConduitSettings;
import dev.conduit.domain.generation.Verification;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The commands that make, change and drop conduits. Each is thin: parse, call the use case, print. */
final class ConduitCommands {

    private ConduitCommands() {}

    /** Shared by every command here: the use case, the console, and how a result is printed. */
    abstract static class Base implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        final Provider<ManageConduits> conduits;
        final Console console;

        Base(Provider<ManageConduits> conduits, Console console) {
            this.conduits = conduits;
            this.console = console;
        }

        int finish(Either<Failure, Conduit> result, Function<Conduit, String> done) {
            return Failures.finish(console, root, result, ConduitJson::of, done);
        }
    }

    /** A command about one conduit, named by its id or name. */
    abstract static class OnOne extends Base {

        @Parameters(paramLabel = "CONDUIT", description = "Its id or name.")
        String ref;

        OnOne(Provider<ManageConduits> conduits, Console console) {
            super(conduits, console);
        }
    }

    @Command(name = "add", description = "Make a conduit: keep TARGET in sync with SOURCE.")
    static final class Add extends Base {

        @Parameters(index = "0", paramLabel = "SOURCE", description = "An existing directory.")
        String source;

        @Parameters(index = "1", paramLabel = "TARGET", description = "A directory; made if missing.")
        String target;

        @Option(names = "--name", paramLabel = "NAME", description = "Its name (default: the source folder's).")
        String name;

        @Mixin
        SettingsOptions settings;

        @Inject
        Add(Provider<ManageConduits> conduits, Console console) {
            super(conduits, console);
        }

        @Override
        public Integer call() {
            Either<Failure, Conduit> added = LocalPaths.of("source", source)
                    .flatMap(from -> LocalPaths.of("target", target)
                            .flatMap(to ->
                                    conduits.get().add(from, to, io.vavr.control.Option.of(name), settings.change())));
            if (added.isRight() && root.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", added.get().id().value());
                json.put("name", added.get().name().value());
                console.json(json);
                return ExitCodes.OK;
            }
            return finish(
                    added,
                    conduit -> "Added " + conduit.describe() + ": "
                            + conduit.source().written() + " -> "
                            + conduit.target().written() + " ("
                            + conduit.settings().mode().label() + ")");
        }
    }

    /** {@code list}: reads the library only, through {@link QueryConduits} (ADR 0050). */
    @Command(name = "list", description = "List the conduits.")
    static final class ListConduits implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        private final Provider<QueryConduits> query;
        private final Console console;

        @Inject
        ListConduits(Provider<QueryConduits> query, Console console) {
            this.query = query;
            this.console = console;
        }

        @Override
        public Integer call() {
            io.vavr.collection.Seq<Conduit> all = query.get().conduits();
            if (root.json()) {
                console.json(all.map(ConduitJson::of).toJavaList());
                return ExitCodes.OK;
            }
            if (all.isEmpty()) {
                console.line("No conduits yet (conduit add SOURCE TARGET makes one).");
                return ExitCodes.OK;
            }
            int width =
                    Math.max(4, all.map(c -> c.name().value().length()).max().getOrElse(4));
            console.line(String.format(
                    "%4s  %-" + width + "s  %-13s  %-8s  %s", "ID", "NAME", "MODE", "STATE", "SOURCE -> TARGET"));
            for (Conduit conduit : all) {
                console.line(String.format(
                        "%4d  %-" + width + "s  %-13s  %-8s  %s -> %s",
                        conduit.id().value(),
                        conduit.name(),
                        conduit.settings().mode().label(),
                        ConduitJson.state(conduit),
                        conduit.source().written(),
                        conduit.target().written()));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code show}: reads the library only, through {@link QueryConduits} (ADR 0050). */
    @Command(name = "show", description = "Show a conduit's settings.")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        @Parameters(paramLabel = "CONDUIT", description = "Its id or name.")
        String ref;

        private final Provider<QueryConduits> query;
        private final Console console;

        @Inject
        Show(Provider<QueryConduits> query, Console console) {
            this.query = query;
            this.console = console;
        }

        @Override
        public Integer call() {
            return Failures.finish(console, root, query.get().conduit(ref), ConduitJson::of, Show::describe);
        }

        static String describe(Conduit conduit) {
            ConduitSettings settings = conduit.settings();
            StringBuilder text = new StringBuilder();
            row(text, "id", conduit.id().toString());
            row(text, "name", conduit.name().value());
            row(text, "source", conduit.source().written());
            row(text, "target", conduit.target().written());
            row(text, "mode", settings.mode().label());
            row(text, "schedule", settings.schedule().label());
            row(text, "conflict", settings.conflict().label());
            row(text, "delete", settings.delete().label());
            row(
                    text,
                    "ignore",
                    settings.ignorePatterns().isEmpty()
                            ? "-"
                            : settings.ignorePatterns().mkString(" "));
            row(text, "index rules", settings.readIgnoreFiles() ? ".conduitignore files apply" : "off");
            row(text, "parallel", Integer.toString(settings.parallel()));
            row(text, "bwlimit", settings.bandwidth().label());
            if (conduit.source().isRemote() || conduit.target().isRemote()) {
                row(text, "ssh", settings.remote().ssh().getOrElse("$CONDUIT_SSH, else ssh"));
                row(text, "remote-conduit", settings.remote().remoteConduit());
            }
            row(
                    text,
                    "state",
                    ConduitJson.state(conduit)
                            + conduit.pausedBecause().map(why -> ": " + why).getOrElse(""));
            return text.toString().stripTrailing();
        }

        private static void row(StringBuilder text, String label, String value) {
            text.append(String.format("%-12s %s%n", label, value));
        }
    }

    @Command(name = "edit", description = "Change a conduit's name or settings (the options of add).")
    static final class Edit extends OnOne {

        @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
        String name;

        @Mixin
        SettingsOptions settings;

        @Inject
        Edit(Provider<ManageConduits> conduits, Console console) {
            super(conduits, console);
        }

        @Override
        public Integer call() {
            return finish(conduits.get().edit(ref, io.vavr.control.Option.of(name), settings.change()), Show::describe);
        }
    }

    @Command(name = "remove", description = "Forget a conduit and its history. Never touches a file.")
    static final class Remove extends OnOne {

        @Inject
        Remove(Provider<ManageConduits> conduits, Console console) {
            super(conduits, console);
        }

        @Override
        public Integer call() {
            return finish(
                    conduits.get().remove(ref),
                    conduit -> "Removed " + conduit.describe()
                            + "; no file was touched, and its trash can still be restored.");
        }
    }

    @Command(name = "enable", description = "Let a conduit sync again (with --all and on its schedule).")
    static final class Enable extends OnOne {

        @Inject
        Enable(Provider<ManageConduits> conduits, Console console) {
            super(conduits, console);
        }

        @Override
        public Integer call() {
            return finish(conduits.get().setEnabled(ref, true), c -> "Enabled " + c.describe());
        }
    }

    @Command(name = "disable", description = "Keep a conduit and its history, but do not sync it.")
    static final class Disable extends OnOne {

        @Inject
        Disable(Provider<ManageConduits> conduits, Console console) {
            super(conduits, console);
        }

        @Override
        public Integer call() {
            return finish(conduits.get().setEnabled(ref, false), c -> "Disabled " + c.describe());
        }
    }

    @Command(
            name = "resume",
            description = "Carry on a sync stopped by pause, Ctrl-C or a crash; let a conduit paused by its guards sync"
                    + " again, accepting its roots as they are now.")
    static final class Resume extends OnOne {

        @Mixin
        SyncLimits limits;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        private final Provider<QueryConduits> query;
        private final Provider<dev.conduit.application.port.in.SyncConduit> sync;
        private final CtrlC ctrlC;

        @Inject
        Resume(
                Provider<ManageConduits> conduits,
                Console console,
                Provider<QueryConduits> query,
                Provider<dev.conduit.application.port.in.SyncConduit> sync,
                CtrlC ctrlC) {
            super(conduits, console);
            this.query = query;
            this.sync = sync;
            this.ctrlC = ctrlC;
        }

        @Override
        public Integer call() {
            limits.check(spec);
            Either<Failure, ManageConduits.Resumed> outcome = conduits.get().resume(ref);
            if (outcome.isLeft()) {
                return Failures.report(console, root, outcome.getLeft());
            }
            if (!root.json() && !root.quiet()) {
                outcome.get()
                        .accepted()
                        .forEach(accepted ->
                                console.line(accepted + " (the delete limit still holds: --max-delete, --force)"));
            }
            Either<Failure, Conduit> resumed = outcome.map(ManageConduits.Resumed::conduit);
            boolean stopped = query.get()
                    .history(ref, 1)
                    .toOption()
                    .flatMap(Seq::headOption)
                    .exists(last -> last.verification().equals(Verification.PAUSED)
                            || last.verification().equals(Verification.INTERRUPTED));
            if (!stopped) {
                return finish(resumed, c -> "Resumed " + c.describe());
            }
            if (!root.json() && !root.quiet()) {
                console.line("Carrying on the sync of " + resumed.get().describe() + " that was stopped");
            }
            return new SyncRun(root, console, sync.get(), new java.util.concurrent.atomic.AtomicBoolean(), ctrlC)
                    .run(resumed.get().id().toString(), limits);
        }
    }
}
