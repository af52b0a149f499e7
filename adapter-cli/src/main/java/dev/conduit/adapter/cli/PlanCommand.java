package dev.conduit.adapter.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.conduit.application.port.in.EntryError;
import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.PlanReport;
import dev.conduit.application.port.in.SyncConduit;
import dev.conduit.application.port.in.SyncListener;
import dev.conduit.domain.conflict.Conflict;
import dev.conduit.domain.plan.SyncAction;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Option(
            names = "--full",
            description = "Compare both indexes whole, not only what changed since the last clean sync.")
    boolean full;

    private final Provider<SyncConduit> sync;
    private final Console console;

    @Inject
    PlanCommand(Provider<SyncConduit> sync, Console console) {
        this.sync = sync;
        this.console = console;
    }

    @Override
    public Integer call() {
        return print(root, console, sync.get(), ref, full);
    }

    /** Streams the plan's operations, then its summary: a JSON document, or lines and a sentence for people. */
    static int print(RootCommand root, Console console, SyncConduit sync, String ref, boolean full) {
        Operations operations = new Operations(root, console);
        Either<Failure, PlanReport> planned =
                sync.plan(new SyncConduit.PlanQuery(ref, operations::action, operations, full));
        if (planned.isLeft()) {
            operations.close();
            return Failures.report(console, root, planned.getLeft());
        }
        PlanReport report = planned.get();
        if (root.json()) {
            operations.closeWith(summary(report));
        } else {
            console.out().flush();
            if (!root.quiet()) {
                console.line(sentence(report));
                if (report.whileSyncing()) {
                    console.warning("a sync of " + report.conduit().name() + " is under way: planned from its"
                            + " indexes as recorded so far, without scanning its roots");
                }
            }
            report.refusal().forEach(why -> console.warning("sync would refuse this plan: " + why));
        }
        return ExitCodes.OK;
    }

    /**
     * The operations as they are resolved: actions, entries the receiving side cannot hold (the sync will report them
     * as errors) and conflicts; as elements of the JSON document's {@code operations} array, or as lines.
     */
    private static final class Operations implements SyncListener {
        private final RootCommand root;
        private final Console console;
        private boolean first = true;

        Operations(RootCommand root, Console console) {
            this.root = root;
            this.console = console;
        }

        void action(SyncAction action) {
            print(() -> ActionJson.of(action), () -> ActionJson.line(action));
        }

        @Override
        public void error(EntryError error) {
            print(() -> ActionJson.of(error), () -> ActionJson.line(error));
        }

        @Override
        public void conflict(Conflict conflict) {
            print(() -> ActionJson.of(conflict), () -> ActionJson.line(conflict));
        }

        /** Only the form that is printed is made: a plan may have a million operations. */
        private void print(Supplier<Map<String, Object>> json, Supplier<String> line) {
            if (root.json()) {
                console.out().print((first ? "{\"operations\":[" : ",") + GSON.toJson(json.get()));
            } else if (!root.quiet()) {
                console.out().println(line.get());
            }
            first = false;
        }

        /** Ends a JSON document that was begun (a plan that failed half-way). */
        void close() {
            if (root.json() && !first) {
                console.out().println("]}");
            }
        }

        /** Ends the JSON document with the plan's summary. */
        void closeWith(Map<String, Object> summary) {
            console.out().println((first ? "{\"operations\":[" : "") + "],\"summary\":" + GSON.toJson(summary) + "}");
            console.out().flush();
        }
    }

    private static Map<String, Object> summary(PlanReport report) {
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
        summary.put("whileSyncing", report.whileSyncing());
        return summary;
    }

    /** The plan in one sentence for people. */
    private static String sentence(PlanReport report) {
        if (report.actions() == 0) {
            return report.refused() == 0
                    ? "Nothing to do: " + report.conduit().name() + " is in sync."
                    : "Nothing to do, but " + Console.counted(report.refused(), "entry", "entries")
                            + " cannot be synced (see above).";
        }
        return Console.counted(report.actions(), "operation", "operations") + ": "
                + Console.counted(report.filesToCopy(), "file", "files") + " to copy ("
                + Console.bytes(report.bytesToCopy()) + "), "
                + (report.moves() > 0 ? Console.count(report.moves()) + " to move, " : "")
                + Console.count(report.deletes()) + " to delete"
                + (report.conflicts() > 0
                        ? ", " + Console.counted(report.conflicts(), "conflict", "conflicts") + " ("
                                + Console.count(report.pending()) + " left to you)"
                        : "")
                + ". Nothing was changed.";
    }
}
