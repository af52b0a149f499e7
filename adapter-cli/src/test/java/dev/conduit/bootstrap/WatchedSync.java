package dev.conduit.bootstrap;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./conduit --json sync ...} in a process of its own, its JSON lines read as it writes them: a kill test asks
 * it whether the sync was in the middle of its work when it was killed — its plan made, its generation begun and a
 * job under way (a {@code copying} or {@code deleting} phase heard), no summary printed — and checks afterwards that
 * the library shows that generation as not completed.
 */
final class WatchedSync {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    private final Process process;
    private final Path events;
    private final Path library;
    private final long conduit;
    private final int generationsBefore;

    private WatchedSync(Process process, Path events, Path library, long conduit, int generationsBefore) {
        this.process = process;
        this.events = events;
        this.library = library;
        this.conduit = conduit;
        this.generationsBefore = generationsBefore;
    }

    /** Starts {@code sync CONDUIT} with the options given; its JSON lines go to {@code events}, stderr to {@code log}. */
    static WatchedSync start(Path library, long conduit, Path events, Path log, String... options) throws IOException {
        int before = history(library, conduit).size();
        List<String> command = new ArrayList<>(List.of(
                PROJECT.resolve("conduit").toString(),
                "--library",
                library.toString(),
                "--json",
                "sync",
                Long.toString(conduit)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectOutput(events.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return new WatchedSync(process, events, library, conduit, before);
    }

    Process process() {
        return process;
    }

    boolean waitFor(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether a job of the sync is under way: its plan made, its generation begun, copying or deleting. */
    boolean working() throws IOException {
        String said = Files.readString(events);
        return said.contains("\"phase\":\"copying\"") || said.contains("\"phase\":\"deleting\"");
    }

    /** Waits (up to {@code millis}) for a job of the sync to be under way; false if the sync ended first. */
    boolean awaitWork(long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (working()) {
                return true;
            }
            Thread.sleep(10);
        }
        return working() && process.isAlive();
    }

    /**
     * Kills the sync with SIGKILL (no shutdown hook runs) if it still runs, and says whether it was killed in the middle
     * of its work: a job under way and no summary printed before the kill, and the library's newest generation is
     * the one it began, not completed. False when it had ended, had recorded its generation as completed, or had not
     * begun a job (it was starting or indexing).
     */
    boolean killMidWork() throws Exception {
        if (!process.isAlive()) {
            return false;
        }
        boolean working = working();
        process.destroyForcibly().waitFor();
        String said = Files.readString(events);
        if (!working || said.contains("\"verification\"")) {
            return false;
        }
        JsonArray generations = history(library, conduit);
        if (generations.size() != generationsBefore + 1) {
            throw new AssertionError("a sync killed mid-work left generations " + generations);
        }
        // completed: the kill came after the generation was recorded, while its last steps (pruning the journal,
        // printing the summary) ran; its work was done, so it was not killed in the middle of it
        return generations.get(0).getAsJsonObject().get("completed").isJsonNull();
    }

    /** The conduit's generations, newest first. */
    private static JsonArray history(Path library, long conduit) {
        if (!Files.exists(library)) {
            return new JsonArray();
        }
        CliRun history = CliRun.run(library, "--json", "history", Long.toString(conduit), "--limit", "1000");
        return history.exitCode() == 0 ? JsonParser.parseString(history.out()).getAsJsonArray() : new JsonArray();
    }
}
