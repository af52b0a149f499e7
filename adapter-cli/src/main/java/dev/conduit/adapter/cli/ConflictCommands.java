package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.ManageConflicts;
import dev.conduit.domain.conflict.ConflictRecord;
import dev.conduit.domain.reconcile.Keep;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code conflicts} and {@code resolve}: the conflicts of bidirectional conduits and the user's answers. */
final class ConflictCommands {

    private ConflictCommands() {}

    static Map<String, Object> json(ConflictRecord conflict) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", conflict.id());
        json.put("conduit", conflict.conduit().value());
        json.put("path", conflict.path().value());
        json.put("type", conflict.type().label());
        json.put("state", conflict.pending() ? "pending" : "settled");
        json.put("answer", conflict.answer().map(Keep::label).getOrNull());
        json.put("settlement", conflict.settlement().getOrNull());
        json.put("source", conflict.sourceVersion());
        json.put("target", conflict.targetVersion());
        json.put("generation", conflict.detectedGeneration());
        json.put("detectedAt", conflict.detectedAt().toString());
        json.put("settledAt", conflict.settledAt().map(Object::toString).getOrNull());
        return json;
    }

    @Command(
            name = "conflicts",
            description = "Pending conflicts with their ids; with --all, how past ones were settled.")
    static final class ListConflicts implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        @Parameters(paramLabel = "CONDUIT", arity = "0..1", description = "Only this conduit's.")
        String ref;

        @Option(names = "--all", description = "Settled conflicts too, newest first.")
        boolean all;

        private final Provider<ManageConflicts> manage;
        private final Console console;

        @Inject
        ListConflicts(Provider<ManageConflicts> manage, Console console) {
            this.manage = manage;
            this.console = console;
        }

        @Override
        public Integer call() {
            Either<Failure, Seq<ConflictRecord>> listed = manage.get().list(io.vavr.control.Option.of(ref), all);
            if (listed.isLeft()) {
                return Failures.report(console, root, listed.getLeft());
            }
            if (root.json()) {
                console.json(listed.get().map(ConflictCommands::json).toJavaList());
                return ExitCodes.OK;
            }
            if (listed.get().isEmpty()) {
                console.line(all ? "No conflicts yet." : "No pending conflicts.");
                return ExitCodes.OK;
            }
            console.line(String.format(
                    "%6s  %7s  %-19s  %-19s  %-8s  %s", "ID", "CONDUIT", "TYPE", "DETECTED", "STATE", "PATH"));
            for (ConflictRecord conflict : listed.get()) {
                String state = conflict.pending()
                        ? conflict.answer().map(keep -> "keep " + keep.label()).getOrElse("pending")
                        : "settled";
                console.line(String.format(
                        "%6d  %7d  %-19s  %-19s  %-8s  %s%s",
                        conflict.id(),
                        conflict.conduit().value(),
                        conflict.type().label(),
                        StatusCommands.time(conflict.detectedAt()),
                        state,
                        conflict.path(),
                        conflict.settlement().map(how -> "  (" + how + ")").getOrElse("")));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "resolve", description = "Answer a pending conflict; the next sync carries it out.")
    static final class Resolve implements Callable<Integer> {

        @ParentCommand
        RootCommand root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CONFLICT_ID", description = "The conflict's id (see conduit conflicts).")
        long id;

        @Option(
                names = "--keep",
                paramLabel = "SIDE",
                required = true,
                description = "source, target, or both (the other version is kept beside it as a conflict copy).")
        String keep;

        private final Provider<ManageConflicts> manage;
        private final Console console;

        @Inject
        Resolve(Provider<ManageConflicts> manage, Console console) {
            this.manage = manage;
            this.console = console;
        }

        @Override
        public Integer call() {
            Keep chosen = Keep.parse(keep)
                    .getOrElseThrow(
                            problem -> new CommandLine.ParameterException(spec.commandLine(), "--keep: " + problem));
            return Failures.finish(
                    console,
                    root,
                    manage.get().resolve(id, chosen),
                    ConflictCommands::json,
                    resolved -> "Conflict " + id + " (" + resolved.path() + "): keeping " + chosen.label()
                            + "; the next sync of conduit " + resolved.conduit() + " carries it out.");
        }
    }
}
