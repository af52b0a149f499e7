package dev.conduit.adapter.cli;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code daemon}: the service in the foreground, until SIGINT or SIGTERM (see the CLI contract, "The service"). */
@Command(
        name = "daemon",
        description = "Serve the library until SIGINT/SIGTERM: the API on LIBRARY/daemon.sock (docs/api.md), and"
                + " sync, plan, status, pause, resume, conflicts, resolve and stats through it.")
final class DaemonCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @ParentCommand
    RootCommand root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--quiet-period",
            paramLabel = "DURATION",
            description =
                    "How long changes must be quiet before an instant sync runs: like 500ms, 2s, 1m (default 2s).")
    String quietPeriod = "2s";

    @Option(names = "--max-parallel", paramLabel = "N", description = "How many conduits sync at once (default 2).")
    int maxParallel = 2;

    @Option(
            names = "--keep-connections",
            paramLabel = "DURATION",
            description = "How long a connection to another host (its ssh and agent) is kept after a sync for the next"
                    + " sync of that host: like 30s, 10m, 1h; 0s closes it after each sync (default 10m).")
    String keepConnections = "10m";

    private final Provider<Daemon> daemon;

    @Inject
    DaemonCommand(Provider<Daemon> daemon) {
        this.daemon = daemon;
    }

    @Override
    public Integer call() {
        if (maxParallel < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-parallel must be at least 1");
        }
        Duration quiet = duration("--quiet-period", quietPeriod);
        Duration keep = duration("--keep-connections", keepConnections);
        return daemon.get()
                .serve(new Daemon.Settings(root.libraryFolder(), quiet, maxParallel, root.json(), root.quiet(), keep));
    }

    private Duration duration(String option, String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), option + ": '" + text + "' is not a duration like 500ms, 2s, 1m or 1h");
        }
        long n = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
