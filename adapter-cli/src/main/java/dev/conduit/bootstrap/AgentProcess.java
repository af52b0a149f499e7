package dev.conduit.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.conduit.adapter.cli.ExitCodes;
import dev.conduit.adapter.cli.RootCommand;
import dev.conduit.adapter.cli.VersionProvider;
import dev.conduit.adapter.jobs.JobsModule;
import dev.conduit.adapter.jobs.remote.AgentServer;
import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.PersistenceModule;
import dev.conduit.application.port.in.IndexLocation;
import dev.conduit.application.port.out.ConduitRepository;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.application.port.out.IndexStore;
import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.application.port.out.LocationRepository;
import dev.conduit.application.port.out.TrashLedger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * {@code conduit agent [--library DIR]}: what the user's {@code ssh} starts on the other device. Serves one client
 * over stdin and stdout with this device's own library ({@code --library}, else {@code $CONDUIT_LIBRARY}, else the
 * XDG default, as every command finds it), and exits once stdin closes. Nothing but frames goes to stdout: logs and
 * the one line of a failure go to stderr (ADR 0038).
 */
final class AgentProcess {

    /** The file in a library folder that names the library (made on first use): a client's positions are its. */
    static final String ID_FILE = "library-id";

    private AgentProcess() {}

    /** Whether a command line asks for the agent: {@code agent}, or {@code --library DIR agent}. */
    static boolean asks(String[] args) {
        return args.length > 0 && args[0].equals("agent")
                || args.length > 2 && args[0].equals("--library") && args[2].equals("agent");
    }

    static int run(String[] args, Map<String, String> environment, InputStream in, OutputStream out, PrintStream err) {
        Path explicit = null;
        boolean named = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--library") && i + 1 < args.length) {
                explicit = Path.of(args[++i]);
            } else if (args[i].equals("agent") && !named) {
                named = true;
            } else {
                err.println("conduit agent: unknown argument " + args[i] + " (usage: conduit agent [--library DIR])");
                return ExitCodes.USAGE;
            }
        }
        Path folder = RootCommand.libraryFolder(explicit, environment);
        Injector injector = null;
        try {
            String id = libraryId(folder);
            injector = injector(folder);
            new AgentServer(library(injector, folder, id)).serve(in, out);
            return ExitCodes.OK;
        } catch (IOException | RuntimeException failed) {
            err.println("conduit agent: " + failed.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            if (injector != null) {
                PersistenceModule.endCommand(injector);
            }
        }
    }

    /**
     * The library's id: read from its folder, or made there (a random UUID) the first time, and again when the
     * library's database is gone (a new library, whose journal knows none of the old one's positions).
     */
    static String libraryId(Path folder) throws IOException {
        Path file = folder.resolve(ID_FILE);
        if (Files.exists(file) && !Files.exists(new LibraryFolder(folder).database())) {
            Files.delete(file);
        }
        if (!Files.exists(file)) {
            Files.createDirectories(folder);
            try {
                Files.writeString(
                        file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException madeMeanwhile) {
                // another agent made it first: that one is the id
            }
        }
        String id = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (id.isEmpty()) {
            throw new IOException("the library id in " + file + " is empty; remove the file to make a new one");
        }
        return id;
    }

    private static Injector injector(Path folder) {
        System.getProperties().putIfAbsent("guice_bytecode_gen_option", "DISABLED");
        return Guice.createInjector(
                Stage.DEVELOPMENT,
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(LibraryFolder.class).toInstance(new LibraryFolder(folder));
                        bind(LibraryWaits.class).toInstance(LibraryWaits.NONE);
                    }
                },
                new ApplicationModule(),
                new PersistenceModule(),
                new JobsModule());
    }

    private static AgentServer.Library library(Injector injector, Path folder, String id) {
        return new AgentServer.Library(
                id,
                VersionProvider.version(),
                injector.getInstance(IndexLocation.class),
                injector.getInstance(IndexStore.class),
                injector.getInstance(LocationRepository.class),
                injector.getInstance(ConduitRepository.class),
                injector.getInstance(TrashLedger.class),
                injector.getInstance(FileTree.class),
                injector.getInstance(TrashFolder.class),
                injector.getInstance(Clock.class));
    }
}
