package dev.conduit.adapter.cli;

import dev.conduit.domain.conduit.SettingsChange;
import io.vavr.collection.List;
import io.vavr.control.Option;
import picocli.CommandLine;

/** The options of {@code add}, shared by {@code edit} and the two-path {@code sync}. Each is applied only if given. */
final class SettingsOptions {

    @CommandLine.Option(names = "--mode", paramLabel = "MODE", description = "mirror (default) or bidirectional.")
    String mode;

    @CommandLine.Option(
            names = "--schedule",
            paramLabel = "WHEN",
            description = "manual (default), instant, or interval:<N>s|m|h|d.")
    String schedule;

    @CommandLine.Option(
            names = "--conflict",
            paramLabel = "POLICY",
            description = "newest-wins (default), source-wins, target-wins, largest-wins, keep-both or ask.")
    String conflict;

    @CommandLine.Option(
            names = "--delete",
            paramLabel = "POLICY",
            description = "trash (default: removed and overwritten versions can be restored) or permanent.")
    String delete;

    @CommandLine.Option(
            names = "--ignore",
            paramLabel = "GLOB",
            description = "Never sync paths matching this gitignore-style pattern (repeatable; replaces the list).")
    java.util.List<String> ignores;

    @CommandLine.Option(names = "--no-ignore", description = "Drop every --ignore pattern of the conduit.")
    boolean noIgnore;

    @CommandLine.Option(
            names = "--no-index-rules",
            negatable = true,
            description = "Do not apply .conduitignore files (--index-rules applies them again).")
    Boolean noIndexRules;

    @CommandLine.Option(names = "--parallel", paramLabel = "N", description = "Files transferred at once (default 4).")
    Integer parallel;

    @CommandLine.Option(
            names = "--bwlimit",
            paramLabel = "RATE",
            description = "At most RATE bytes per second, with an optional K, M or G suffix (powers of 1024).")
    String bandwidth;

    @CommandLine.Option(
            names = "--ssh",
            paramLabel = "COMMAND",
            description = "How to reach a remote endpoint, split into words as a shell would"
                    + " (default: $CONDUIT_SSH, else ssh); \"\" goes back to the default.")
    String ssh;

    @CommandLine.Option(
            names = "--remote-conduit",
            paramLabel = "PATH",
            description = "The conduit program on the remote host (default: conduit).")
    String remoteConduit;

    SettingsChange change() {
        Option<io.vavr.collection.Seq<String>> patterns =
                noIgnore ? Option.some(List.empty()) : Option.of(ignores).map(List::ofAll);
        return new SettingsChange(
                Option.of(mode),
                Option.of(schedule),
                Option.of(conflict),
                Option.of(delete),
                patterns,
                Option.of(noIndexRules).map(no -> !no),
                Option.of(parallel),
                Option.of(bandwidth),
                Option.of(ssh),
                Option.of(remoteConduit));
    }
}
