package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.CtrlC;
import dev.conduit.adapter.cli.Daemon;
import dev.conduit.adapter.cli.RootCommand;

/**
 * One command line that a daemon runs for a client, in a child of the daemon's injector: its own streams, options and
 * Ctrl-C; the library, its services and its writer lock are the daemon's, shared by every request.
 */
final class RequestModule extends AbstractModule {

    private final Console console;
    private final RootCommand.Environment environment;
    private final CtrlC ctrlC;

    RequestModule(Console console, RootCommand.Environment environment, CtrlC ctrlC) {
        this.console = console;
        this.environment = environment;
        this.ctrlC = ctrlC;
    }

    @Override
    protected void configure() {
        bind(Console.class).toInstance(console);
        bind(RootCommand.Environment.class).toInstance(environment);
        bind(RootCommand.class).in(Singleton.class);
        bind(CtrlC.class).toInstance(ctrlC);
        bind(Daemon.class).toInstance(settings -> {
            console.error("a daemon already serves " + settings.library() + ": this is it");
            return 1;
        });
    }
}
