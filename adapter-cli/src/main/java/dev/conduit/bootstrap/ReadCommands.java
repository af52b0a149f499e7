package dev.conduit.bootstrap;

import dev.conduit.adapter.cli.Console;
import dev.conduit.adapter.cli.LiveRuntime;
import dev.conduit.adapter.cli.RootCommand;
import dev.conduit.adapter.persistence.LibraryFolder;
import dev.conduit.adapter.persistence.LibraryPorts;
import dev.conduit.application.port.in.ManageConflicts;
import dev.conduit.application.port.in.QueryConduits;
import dev.conduit.application.service.ManageConflictsService;
import dev.conduit.application.service.QueryConduitsService;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.Set;
import picocli.CommandLine;

/**
 * The commands that only read the library ({@link #NAMES}), wired by hand instead of by an injector (ADR 0050). An
 * injector cost such a command a third of its CPU, empty a fifth: Guice and Guava's start, then every binding of the
 * jobs, the watcher and the agents checked, none of which a read uses. Here a command gets its console, its
 * environment and the use cases that read ({@link QueryConduits}, {@link ManageConflicts}) over the library's
 * persistence ports, and nothing else: a constructor that asks for anything more is refused at once ({@link
 * #create}), so a read command that starts to need more is moved back to the injector, not half wired.
 */
final class ReadCommands implements CommandLine.IFactory {

    /** The commands run here: they read the library and print. */
    static final Set<String> NAMES = Set.of("list", "show", "status", "history", "stats", "conflicts");

    private final Console console;
    private final RootCommand.Environment environment;
    private final RootCommand root;
    private final LiveRuntime live = new LiveRuntime(); // a command run alone never has a service
    private LibraryPorts ports;
    private QueryConduits query;
    private ManageConflicts conflicts;

    ReadCommands(Console console, RootCommand.Environment environment) {
        this.console = console;
        this.environment = environment;
        this.root = construct(RootCommand.class);
    }

    /** Whether the command line names one of {@link #NAMES} (and so only reads the library). */
    static boolean reads(String[] args) {
        java.util.List<Class<?>> named = RootCommand.named(args);
        return named.size() == 1
                && NAMES.contains(
                        named.get(0).getAnnotation(CommandLine.Command.class).name());
    }

    RootCommand root() {
        return root;
    }

    /**
     * A command, its constructor's parameters given from what a read needs; a type without an {@code @Inject}
     * constructor is picocli's own (help, mixins).
     */
    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == RootCommand.class) {
            return type.cast(root);
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.isAnnotationPresent(Inject.class)) {
                return construct(type);
            }
        }
        return CommandLine.defaultFactory().create(type);
    }

    private <K> K construct(Class<K> type) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (!constructor.isAnnotationPresent(Inject.class)) {
                continue;
            }
            Type[] parameters = constructor.getGenericParameterTypes();
            Object[] values = new Object[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                values[i] = value(type, parameters[i]);
            }
            try {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(values));
            } catch (ReflectiveOperationException failure) {
                throw new IllegalStateException("cannot make " + type.getName(), failure);
            }
        }
        throw new IllegalStateException(type.getName() + " has no @Inject constructor");
    }

    private Object value(Class<?> command, Type parameter) {
        if (parameter == Console.class) {
            return console;
        }
        if (parameter == RootCommand.Environment.class) {
            return environment;
        }
        if (parameter == LiveRuntime.class) {
            return live;
        }
        if (parameter instanceof ParameterizedType provider && provider.getRawType() == Provider.class) {
            Type wanted = provider.getActualTypeArguments()[0];
            if (wanted == QueryConduits.class) {
                return (Provider<QueryConduits>) this::query;
            }
            if (wanted == ManageConflicts.class) {
                return (Provider<ManageConflicts>) this::conflicts;
            }
        }
        throw new IllegalStateException(command.getName() + " asks for " + parameter.getTypeName()
                + ", which a command that only reads is not given: run it through the injector (ConduitCli)");
    }

    private LibraryPorts ports() {
        if (ports == null) {
            ports = new LibraryPorts(new LibraryFolder(root.libraryFolder()), CommandLineModule.waitsOf(console, root));
        }
        return ports;
    }

    private QueryConduits query() {
        if (query == null) {
            LibraryPorts library = ports();
            query = new QueryConduitsService(
                    library.conduits(),
                    library.history(),
                    library.locks(),
                    library.locations(),
                    library.store(),
                    library.trash(),
                    library.conflicts(),
                    library.jobs(),
                    Clock.systemDefaultZone());
        }
        return query;
    }

    private ManageConflicts conflicts() {
        if (conflicts == null) {
            conflicts = new ManageConflictsService(ports().conduits(), ports().conflicts());
        }
        return conflicts;
    }

    /** The end of the command: the library's log folded in only if the command wrote (it made the library). */
    void endCommand() {
        if (ports != null) {
            ports.endCommand();
        }
    }

    /** Whether the command wrote to the library; for tests. */
    boolean wrote() {
        return ports != null && ports.wrote();
    }
}
