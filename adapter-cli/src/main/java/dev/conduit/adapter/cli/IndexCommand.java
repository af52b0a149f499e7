package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.in.IndexReport;
import dev.conduit.application.port.in.ScanProblem;
import io.vavr.collection.List;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "index",
        description = "(Re)index a directory without syncing, and report what changed since its last scan.")
final class IndexCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The directory to index.")
    Path path;

    @Option(
            names = "--ignore",
            paramLabel = "GLOB",
            description = "Leave out paths matching this gitignore-style pattern (repeatable).")
    java.util.List<String> ignores = new ArrayList<>();

    @Option(names = "--no-index-rules", description = "Do not apply the .conduitignore files found in the tree.")
    boolean noIndexRules;

    private final Provider<IndexLocation> indexLocation;
    private final Console console;

    @Inject
    IndexCommand(Provider<IndexLocation> indexLocation, Console console) {
        this.indexLocation = indexLocation;
        this.console = console;
    }

    @Override
    public Integer call() {
        for (String pattern : ignores) {
            if (pattern.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--ignore needs a non-empty pattern");
            }
        }
        boolean showProgress = console.interactive() && !root.json() && !root.quiet();
        try (ProgressDisplay progress =
                showProgress ? console.bars().count("Indexing", " entries") : ProgressDisplay.none()) {
            var command = new IndexLocation.Command(
                    path,
                    List.ofAll(ignores),
                    !noIndexRules,
                    p -> progress.update(
                            p.entriesSeen(),
                            Console.bytes(p.bytesHashed()) + " hashed  "
                                    + (p.currentPath().isEmpty() ? "." : p.currentPath())));
            return indexLocation.get().index(command).fold(this::failed, report -> {
                progress.close();
                return reported(report);
            });
        }
    }

    private int failed(IndexFailure failure) {
        if (root.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("error", failure.describe());
            json.put("path", failure.path());
            console.json(json);
        }
        console.error(failure.describe());
        return ExitCodes.FAILURE;
    }

    private int reported(IndexReport report) {
        if (!root.json()) {
            for (ScanProblem problem : report.problems()) {
                String line = problem.path() + ": " + problem.reason();
                if (problem.error()) {
                    console.error(line);
                } else {
                    console.warning(line);
                }
            }
            long unlisted = report.errorCount()
                    + report.warningCount()
                    - report.problems().size();
            if (unlisted > 0) {
                console.error("... and " + Console.count(unlisted) + " more problems");
            }
        }
        if (root.json()) {
            console.json(json(report));
        } else if (!root.quiet()) {
            String scanned = report.scope().isRoot()
                    ? report.location().root()
                    : report.location().root() + "/" + report.scope() + " (in the location "
                            + report.location().root() + ")";
            console.line("Indexed " + scanned + " in "
                    + Console.seconds(report.elapsed().toMillis()));
            console.line(row("new", report.created()));
            console.line(row("modified", report.modified()));
            console.line(row("removed", report.removed()));
            console.line(row("unchanged", report.unchanged()));
            console.line(String.format(
                    "  %-10s %12s files, %s",
                    "hashed", Console.count(report.filesHashed()), Console.bytes(report.bytesHashed())));
        }
        if (report.errorCount() > 0) {
            console.error(
                    Console.count(report.errorCount()) + (report.errorCount() == 1 ? " entry" : " entries") + " of "
                            + report.location().root() + " could not be indexed (see above); fix them and index again");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private static String row(String label, long value) {
        return String.format("  %-10s %12s", label, Console.count(value));
    }

    private static Map<String, Object> json(IndexReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("location", report.location().id().value());
        json.put("root", report.location().root());
        json.put("scope", report.scope().value());
        json.put("new", report.created());
        json.put("modified", report.modified());
        json.put("removed", report.removed());
        json.put("unchanged", report.unchanged());
        json.put("filesHashed", report.filesHashed());
        json.put("bytesHashed", report.bytesHashed());
        json.put("errors", report.errorCount());
        json.put("warnings", report.warningCount());
        json.put(
                "problems",
                report.problems()
                        .map(problem -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("path", problem.path());
                            item.put("reason", problem.reason());
                            item.put("severity", problem.error() ? "error" : "warning");
                            return item;
                        })
                        .toJavaList());
        json.put("elapsedMillis", report.elapsed().toMillis());
        return json;
    }
}
