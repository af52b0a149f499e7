package dev.conduit.adapter.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.domain.conflict.Conflict;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code plan CONDUIT}: the dry run. Streams the operations as they are resolved (a plan of a million entries is never
 * held), so with {@code --json} the document is written piece by piece.
 */
@Command(name = "plan", description = "Show what a sync would do, changing nothing.")
final class PlanCommand implements Callable<Integer> {

    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    @ParentCommand
    RootCommand root;

    @Parameters(paramLabel = "CONDUIT", description = "Its id or name.")
    String ref;

    private final Provider<SyncConduit> sync;
    private final Console console;

    @Inject
    PlanCommand(Provider<SyncConduit> sync, Console console) {
        this.sync = sync;
        this.console = console;
    }

    @Override
    public Integer call() {
        return print(root, console, sync.get(), ref);
    }

    static int print(RootCommand root, Console console, SyncConduit sync, String ref) {
        boolean[] first = {true};
        boolean json = root.json();
        Either<Failure, PlanReport> planned = sync.plan(new SyncConduit.PlanQuery(
                ref,
                action -> {
                    if (json) {
                        console.out()
                                .print((first[0] ? "{\"operations\":[" : ",") + GSON.toJson(ActionJson.of(action)));
                    } else if (!root.quiet()) {
                        console.out().println(ActionJson.line(action));
                    }
                    first[0] = false;
                },
                new SyncListener() {
                    /** An entry the receiving side's file system cannot hold: the sync will report it as an error. */
                    @Override
                    public void error(EntryError error) {
                        if (json) {
                            console.out()
                                    .print((first[0] ? "{\"operations\":[" : ",") + GSON.toJson(ActionJson.of(error)));
                        } else if (!root.quiet()) {
                            console.out().println(ActionJson.line(error));
                        }
                        first[0] = false;
                    }

                    @Override
                    public void conflict(Conflict conflict) {
                        if (json) {
                            console.out()
                                    .print((first[0] ? "{\"operations\":[" : ",")
                                            + GSON.toJson(ActionJson.of(conflict)));
                        } else if (!root.quiet()) {
                            console.out().println(ActionJson.line(conflict));
                        }
                        first[0] = false;
                    }
                }));
        if (planned.isLeft()) {
            if (json && !first[0]) {
                console.out().println("]}");
            }
            return Failures.report(console, root, planned.getLeft());
        }
        PlanReport report = planned.get();
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("conduit", report.conduit().id().value());
            summary.put("actions", report.actions());
            summary.put("filesToCopy", report.filesToCopy());
            summary.put("bytesToCopy", report.bytesToCopy());
            summary.put("moves", report.moves());
            summary.put("deletes", report.deletes());
            summary.put("conflicts", report.conflicts());
            summary.put("pendingConflicts", report.pending());
            summary.put("refused", report.refused());
            summary.put("refusal", report.refusal().getOrNull());
            console.out()
                    .println((first[0] ? "{\"operations\":[" : "") + "],\"summary\":" + GSON.toJson(summary) + "}");
            console.out().flush();
        } else {
            console.out().flush();
            if (!root.quiet()) {
                console.line(
                        report.actions() == 0 && report.refused() == 0
                                ? "Nothing to do: " + report.conduit().name() + " is in sync."
                                : report.actions() == 0
                                        ? "Nothing to do, but " + Console.counted(report.refused(), "entry", "entries")
                                                + " cannot be synced (see above)."
                                        : Console.counted(report.actions(), "operation", "operations") + ": "
                                                + Console.counted(report.filesToCopy(), "file", "files") + " to copy ("
                                                + Console.bytes(report.bytesToCopy()) + "), "
                                                + (report.moves() > 0
                                                        ? Console.count(report.moves()) + " to move, "
                                                        : "")
                                                + Console.count(report.deletes()) + " to delete"
                                                + (report.conflicts() > 0
                                                        ? ", "
                                                                + Console.counted(
                                                                        report.conflicts(), "conflict", "conflicts")
                                                                + " ("
                                                                + Console.count(report.pending()) + " left to you)"
                                                        : "")
                                                + ". Nothing was changed.");
            }
            report.refusal().forEach(why -> console.warning("sync would refuse this plan: " + why));
        }
        return ExitCodes.OK;
    }
}
