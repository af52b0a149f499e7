package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.Failure;
import dev.conduit.application.port.in.ManageTrash;
import dev.conduit.domain.trash.TrashedVersion;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code trash list|restore|purge}: the versions syncs removed or overwrote. */
@Command(
        name = "trash",
        description = "List, restore or purge versions that syncs removed or overwrote.",
        subcommands = {TrashCommand.ListVersions.class, TrashCommand.Restore.class, TrashCommand.Purge.class})
final class TrashCommand implements Runnable {

    @ParentCommand
    RootCommand root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say list, restore ID or purge --older-than AGE");
    }

    static Map<String, Object> json(TrashedVersion version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", version.id());
        json.put("conduit", version.conduit().map(id -> id.value()).getOrNull());
        json.put("side", version.side().label());
        json.put("path", version.path().value());
        json.put("reason", version.reason().label());
        json.put("size", version.size());
        json.put("trashedAt", version.trashedAt().toString());
        json.put("kind", version.kind().label());
        json.put("generation", version.generation());
        json.put("originalAt", version.originalAt());
        return json;
    }

    @Command(name = "list", description = "The versions in the trash, newest first.")
    static final class ListVersions implements Callable<Integer> {

        @ParentCommand
        TrashCommand trash;

        @Parameters(paramLabel = "CONDUIT", arity = "0..1", description = "Only this conduit's.")
        String ref;

        private final Provider<ManageTrash> manage;
        private final Console console;

        @Inject
        ListVersions(Provider<ManageTrash> manage, Console console) {
            this.manage = manage;
            this.console = console;
        }

        @Override
        public Integer call() {
            Either<Failure, Seq<TrashedVersion>> listed = manage.get().list(io.vavr.control.Option.of(ref));
            if (listed.isLeft()) {
                return Failures.report(console, trash.root, listed.getLeft());
            }
            if (trash.root.json()) {
                console.json(listed.get().map(TrashCommand::json).toJavaList());
                return ExitCodes.OK;
            }
            if (listed.get().isEmpty()) {
                console.line("The trash is empty.");
                return ExitCodes.OK;
            }
            console.line(String.format(
                    "%6s  %7s  %-6s  %-14s  %10s  %-19s  %s",
                    "ID", "CONDUIT", "SIDE", "REASON", "SIZE", "TRASHED", "PATH"));
            for (TrashedVersion version : listed.get()) {
                console.line(String.format(
                        "%6d  %7s  %-6s  %-14s  %10s  %-19s  %s",
                        version.id(),
                        version.conduit().map(Object::toString).getOrElse("-"),
                        version.side().label(),
                        version.reason().label(),
                        Console.bytes(version.size()),
                        StatusCommands.time(version.trashedAt()),
                        version.path()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", description = "Put a version back where it was; never overwrites anything.")
    static final class Restore implements Callable<Integer> {

        @ParentCommand
        TrashCommand trash;

        @Parameters(paramLabel = "ID", description = "The version's id (see trash list).")
        long id;

        private final Provider<ManageTrash> manage;
        private final Console console;

        @Inject
        Restore(Provider<ManageTrash> manage, Console console) {
            this.manage = manage;
            this.console = console;
        }

        @Override
        public Integer call() {
            return Failures.finish(
                    console,
                    trash.root,
                    manage.get().restore(id),
                    TrashCommand::json,
                    restored -> "Restored " + restored.originalAt());
        }
    }

    @Command(name = "purge", description = "Remove versions older than an age for good.")
    static final class Purge implements Callable<Integer> {

        @ParentCommand
        TrashCommand trash;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--older-than",
                paramLabel = "AGE",
                required = true,
                description = "Like 30d, 12h, 90m or 0s (everything).")
        String olderThan;

        private final Provider<ManageTrash> manage;
        private final Console console;

        @Inject
        Purge(Provider<ManageTrash> manage, Console console) {
            this.manage = manage;
            this.console = console;
        }

        @Override
        public Integer call() {
            Duration age = parseAge(olderThan);
            return Failures.finish(
                    console,
                    trash.root,
                    manage.get().purge(age),
                    purged -> purged.map(TrashCommand::json).toJavaList(),
                    purged -> "Purged " + Console.counted(purged.size(), "version", "versions") + " ("
                            + Console.bytes(
                                    purged.map(TrashedVersion::size).sum().longValue()) + ")");
        }

        private Duration parseAge(String raw) {
            if (raw != null && raw.matches("[0-9]{1,9}[smhd]")) {
                long n = Long.parseLong(raw.substring(0, raw.length() - 1));
                return switch (raw.charAt(raw.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--older-than takes an age like 30d, 12h, 90m or 0s, not '" + raw + "'");
        }
    }
}
