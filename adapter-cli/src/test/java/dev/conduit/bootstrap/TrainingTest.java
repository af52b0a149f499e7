package dev.conduit.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.conduit.domain.conduit.ShellWords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run joins its client and agent through a shell; paths with blanks and quotes stay whole. */
class TrainingTest {

    @TempDir
    Path temp;

    @Test
    void thePipeSshKeepsEachPathOneWordWhateverItsName() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("a tmp 'dir' \"x\" $HOME"));
        Path in = folder.resolve("agent in");
        Path out = folder.resolve("agent out");
        var words = ShellWords.split(Training.pipeSsh(in, out)).get();
        assertEquals(5, words.size(), () -> "words: " + words);
        assertEquals(in.toString(), words.get(3));
        assertEquals(out.toString(), words.get(4));

        // run as ssh would be: the shell copies what the agent wrote (out) to its stdout, and its stdin to the agent
        // (in)
        Files.writeString(out, "from the agent");
        Process shell = new ProcessBuilder(words.toJavaList()).start();
        shell.getOutputStream().write("to the agent".getBytes());
        shell.getOutputStream().close();
        String read = new String(shell.getInputStream().readAllBytes());
        shell.waitFor(10, TimeUnit.SECONDS);
        assertEquals("from the agent", read);
        assertEquals("to the agent", Files.readString(in));
        assertEquals(
                java.util.List.of("a tmp 'dir' \"x\" $HOME"),
                java.util.List.of(temp.toFile().list()));
    }
}
