package dev.conduit.bootstrap;

import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mirror onto a real exFAT disk, the README's USB example: a file system without hard links (overwritten versions
 * still go to the trash) and without extended attributes (a source's are skipped there, quietly).
 */
class ExfatTargetIT {

    @TempDir
    Path work;

    private static JsonObject summary(CliRun run) {
        String[] lines = run.out().strip().split("\n");
        JsonObject summary = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        summary.addProperty("stderr", run.err());
        summary.addProperty("exit", run.exitCode());
        return summary;
    }

    @Test
    void overwrittenVersionsGoToTheTrashAndComeBackWithoutHardLinks() throws Exception {
        Path library = work.resolve("library");
        Path source = Files.createDirectories(work.resolve("source"));
        write(source, "notes.txt", "the first notes");
        write(source, "deep/er/plan.txt", "the first plan");
        Files.getFileAttributeView(
                        source.resolve("notes.txt"), java.nio.file.attribute.UserDefinedFileAttributeView.class)
                .write("tag", java.nio.ByteBuffer.wrap(new byte[] {'r', 'e', 'd'})); // exFAT cannot keep it
        try (ExfatDisk usb = ExfatDisk.mount(work)) {
            Path target = usb.root().resolve("backup");

            JsonObject first = summary(CliRun.run(library, "--json", "sync", source.toString(), target.toString()));
            write(source, "notes.txt", "the second notes, longer");
            write(source, "deep/er/plan.txt", "the second plan");
            JsonObject second = summary(CliRun.run(library, "--json", "sync", "1"));

            for (JsonObject summary : new JsonObject[] {first, second}) {
                assertThat(summary.get("exit").getAsInt())
                        .as(summary.toString())
                        .isZero();
                assertThat(summary.get("filesCopied").getAsInt())
                        .as(summary.toString())
                        .isEqualTo(2);
                assertThat(summary.get("errors").getAsInt())
                        .as(summary.toString())
                        .isZero();
                assertThat(summary.get("verification").getAsString()).isEqualTo("verified");
            }
            assertThat(target.resolve("notes.txt")).hasContent("the second notes, longer");
            assertThat(target.resolve("deep/er/plan.txt")).hasContent("the second plan");
            JsonArray trash = JsonParser.parseString(
                            CliRun.run(library, "--json", "trash", "list").out())
                    .getAsJsonArray();
            assertThat(trash).hasSize(2);
            for (var element : trash) {
                JsonObject version = element.getAsJsonObject();
                assertThat(version.get("reason").getAsString()).isEqualTo("overwritten");
            }
            JsonObject notes = trash.asList().stream()
                    .map(e -> e.getAsJsonObject())
                    .filter(version -> version.get("path").getAsString().equals("notes.txt"))
                    .findFirst()
                    .orElseThrow();
            Files.delete(target.resolve("notes.txt"));
            CliRun restored =
                    CliRun.run(library, "trash", "restore", notes.get("id").getAsString());
            assertThat(restored.exitCode()).as(restored.err()).isZero();
            assertThat(target.resolve("notes.txt")).hasContent("the first notes");
            try (var left = Files.walk(target)) {
                assertThat(left.map(path -> path.getFileName().toString()))
                        .noneMatch(name -> name.startsWith(".conduit-tmp-"));
            }
        }
    }
}
