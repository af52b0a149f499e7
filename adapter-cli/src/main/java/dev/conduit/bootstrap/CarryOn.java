package dev.conduit.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The syncs a stopping daemon stopped, carried on by the next start: their conduits are written to
 * {@code LIBRARY/daemon.resume} on the way out, and the next daemon resumes each once its API answers. A sync paused
 * by the user is not among them: only one that stopped because the daemon was stopping.
 */
final class CarryOn {

    static final String FILE = "daemon.resume";

    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    /** Passes every event on, noting the conduits whose sync ended stopped while {@code stopping}. */
    Consumer<Map<String, Object>> noting(Consumer<Map<String, Object>> events, BooleanSupplier stopping) {
        return event -> {
            if ("sync-finished".equals(event.get("event"))
                    && Boolean.TRUE.equals(event.get("stopped"))
                    && stopping.getAsBoolean()) {
                stopped.add(String.valueOf(event.get("conduit")));
            }
            events.accept(event);
        };
    }

    /** Writes the conduits to carry on (nothing when there are none), atomically. */
    void remember(Path library) throws IOException {
        if (stopped.isEmpty()) {
            return;
        }
        Path written = library.resolve(FILE + ".tmp");
        Files.writeString(written, String.join("\n", stopped) + "\n", StandardCharsets.UTF_8);
        Files.move(written, library.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The conduits a previous daemon stopped, the note removed: each is carried on once. */
    static List<String> take(Path library) throws IOException {
        Path note = library.resolve(FILE);
        try {
            Collection<String> ids = Files.readAllLines(note, StandardCharsets.UTF_8);
            Files.delete(note);
            return ids.stream()
                    .map(String::strip)
                    .filter(id -> id.matches("\\d+"))
                    .collect(Collectors.toList());
        } catch (NoSuchFileException none) {
            return List.of();
        }
    }
}
