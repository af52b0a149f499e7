package dev.conduit.adapter.cli;

import dev.conduit.application.port.in.SyncConduit;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pause CONDUIT}: asks the conduit's running sync to stop at its next safe point, and waits until it has. */
@Command(name = "pause", description = "Stop a running sync at a safe point (between files); resume carries it on.")
final class PauseCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Parameters(paramLabel = "CONDUIT", description = "Its id or name.")
    String ref;

    private final Provider<SyncConduit> sync;
    private final Console console;

    @Inject
    PauseCommand(Provider<SyncConduit> sync, Console console) {
        this.sync = sync;
        this.console = console;
    }

    @Override
    public Integer call() {
        return Failures.finish(
                console,
                root,
                sync.get().pause(ref),
                ConduitJson::of,
                paused -> "Paused " + paused.describe() + " at a safe point; conduit resume " + paused.id()
                        + " carries it on");
    }
}
