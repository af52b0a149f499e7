package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.CtrlC;
import dev.conduit.adapter.cli.Daemon;
import dev.conduit.adapter.cli.RootCommand;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.application.port.out.LibraryWaits;

/** What a command run in its own process is handed: its streams, its environment, the signals, its library. */
final class CommandLineModule extends AbstractModule {

    private final Console console;
    private final RootCommand.Environment environment;

    CommandLineModule(Console console, RootCommand.Environment environment) {
        this.console = console;
        this.environment = environment;
    }

    @Override
    protected void configure() {
        bind(Console.class).toInstance(console);
        bind(RootCommand.Environment.class).toInstance(environment);
        bind(RootCommand.class).in(Singleton.class);
        bind(CtrlC.class).toInstance(CtrlC.SIGNAL);
        bind(Daemon.class).to(DaemonProcess.class);
    }

    /** Read when a use case first needs the library, after the command line has been parsed. */
    @Provides
    @Singleton
    LibraryFolder libraryFolder(RootCommand root) {
        return new LibraryFolder(root.libraryFolder());
    }

    /** A write that waits for another process says so on stderr, once per wait, unless told to be quiet. */
    @Provides
    @Singleton
    LibraryWaits libraryWaits(Console console, RootCommand root) {
        return waitsOf(console, root);
    }

    /** The same, for a command wired without an injector ({@link ReadCommands}). */
    static LibraryWaits waitsOf(Console console, RootCommand root) {
        return new LibraryWaits() {
            @Override
            public void waiting(String holder) {
                if (!root.quiet()) {
                    console.warning("waiting for the library: another process is writing to it (" + holder + ")");
                }
            }

            @Override
            public void scanWaiting(String location, String holder) {
                if (!root.quiet()) {
                    console.warning("waiting for another scan of " + location + " to finish (" + holder
                            + "), then reading what it recorded");
                }
            }

            @Override
            public void scanAsRecorded(String location, String holder) {
                if (!root.quiet()) {
                    console.warning("another scan of " + location + " is under way (" + holder
                            + "): planned from its index as recorded so far");
                }
            }
        };
    }
}
