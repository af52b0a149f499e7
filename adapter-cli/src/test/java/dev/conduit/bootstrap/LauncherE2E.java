package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./conduit} as a user runs it: a real process, a real shell, a hostile locale. */
class LauncherE2E {

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path work;

    private record Run(int exitCode, String out, String err) {}

    private Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG") || name.equals("LANGUAGE"));
        environment.put("LANG", "C"); // names would be mangled by default
        environment.put("HOME", work.toString());
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = process.waitFor();
        return new Run(
                code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path treeWithNonAsciiNames() throws IOException {
        Path root = Files.createDirectories(work.resolve("m\u00fcsic"));
        Files.writeString(root.resolve("caf\u00e9.txt"), "coffee");
        Files.writeString(root.resolve("\u65e5\u672c\u8a9e.txt"), "japanese");
        Files.createDirectories(root.resolve("\u00e9t\u00e9"));
        Files.writeString(root.resolve("\u00e9t\u00e9/cr\u00e8me br\u00fbl\u00e9e.md"), "dessert");
        return root;
    }

    @Test
    void theLauncherIndexesNonAsciiNamesUnderTheCLocale() throws Exception {
        Path root = treeWithNonAsciiNames();

        Run run = run(List.of(
                PROJECT.resolve("conduit").toString(),
                "--library",
                work.resolve("lib").toString(),
                "--json",
                "index",
                root.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(json.get("new").getAsLong()).isEqualTo(4);
        assertThat(json.get("errors").getAsLong()).isZero();
        assertThat(json.get("root").getAsString()).isEqualTo(root.toString());
    }

    @Test
    void withoutTheLauncherTheSameJvmWouldManglePathsAndSaysSo() throws Exception {
        Path root = treeWithNonAsciiNames();
        List<String> bare = new ArrayList<>(List.of(
                "java",
                "-jar",
                PROJECT.resolve("adapter-cli/target/conduit.jar").toString(),
                "--library",
                work.resolve("lib").toString(),
                "index",
                work.toString()));

        Run run = run(bare);

        assertThat(run.err()).contains("warning: file names are decoded as").contains("LC_ALL=C.UTF-8");
        assertThat(run.err()).as("the lossy names are refused, not misread").contains("not valid UTF-8");
        assertThat(run.exitCode()).isEqualTo(1);
    }
}
