package dev.conduit.bootstrap;

import com.google.inject.Injector;
import dev.conduit.adapter.api.CommandRunner;
import dev.conduit.adapter.api.Interruption;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.CtrlC;
import dev.conduit.adapter.cli.ProgressBars;
import dev.conduit.adapter.cli.RootCommand;
import java.io.PrintWriter;

/**
 * Runs command lines in the daemon's process, each in a child injector of the daemon's: the same commands, handlers
 * and output as a command run alone, written to the request's own streams, so concurrent requests never mix.
 */
final class InProcessCommands implements CommandRunner {

    private final Injector library;

    InProcessCommands(Injector library) {
        this.library = library;
    }

    @Override
    public int run(Invocation invocation) {
        PrintWriter out = new PrintWriter(invocation.out(), true);
        PrintWriter err = new PrintWriter(invocation.err(), true);
        // a caller on a terminal draws the progress bar itself, from the commands sent to it; this process has none
        Console console = new Console(
                out,
                err,
                invocation.interactive(),
                invocation.interactive() ? ProgressBars.sentTo(invocation.progress()) : ProgressBars.TERMINAL);
        Interruption interruption = invocation.interruption();
        CtrlC ctrlC = handler -> interruption.register(handler)::close;
        Injector request = library.createChildInjector(
                new RequestModule(console, new RootCommand.Environment(invocation.environment()), ctrlC));
        return ConduitCli.execute(request, console, invocation.args().toArray(String[]::new));
    }
}
