package dev.conduit.bootstrap;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.conduit.bootstrap.Mirrors.write;
import static org.assertj.core.api.Assertions.assertThat;

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
        return summary;
    }

    @Test
    void overwrittenVersionsGoToTheTrashAndComeBackWithoutHardLinks() throws Exception {
        Path library = work.resolve("library");
        Path source = Files.createDirectories(work.resolve("source"));
        write(source, "notes.txt", "the first notes");
        write(source, "deep/er/plan.txt", "the first plan");
        Files.getFileAttributeView(source.resolve("notes.txt"), java.nio.file.attribute.UserDefinedFileAttributeView
            .class).write("tag", java.nio.ByteBuffer.wrap(new byte[]{'r', 'e', 'd'}));   // exFAT cannot keep it
        try (ExfatImage usb = ExfatImage.mount(work, work.resolve("usb"), 16)) {
            Path target = usb.root().resolve("backup");

            JsonObject first = summary(CliRun.run(library, "--json", "sync", source.toString(), target.toString()));
            write(source, "notes.txt", "the second notes, longer");
            write(source, "deep/er/plan.txt", "the second plan");
            JsonObject second = summary(CliRun.run(library, "--json", "sync", "1"));

            // exFAT keeps no permission bits: until metadata is compared within what both sides hold, the
            // verification finds them still to set (exit 1); the copies themselves must all succeed
            assertThat(first.get("filesCopied").getAsInt()).as(first.toString()).isEqualTo(2);
            assertThat(first.get("errors").getAsInt()).as(first.toString()).isZero();
            assertThat(second.get("filesCopied").getAsInt()).as(second.toString()).isEqualTo(2);
            assertThat(second.get("errors").getAsInt()).as(second.toString()).isZero();
            assertThat(target.resolve("notes.txt")).hasContent("the second notes, longer");
            assertThat(target.resolve("deep/er/plan.txt")).hasContent("the second plan");
            JsonArray trash = JsonParser.parseString(CliRun.run(library, "--json", "trash", "list").out())
                .getAsJsonArray();
            assertThat(trash).hasSize(2);
            for (var element : trash) {
                JsonObject version = element.getAsJsonObject();
                assertThat(version.get("reason").getAsString()).isEqualTo("overwritten");
            }
            JsonObject notes = trash.asList().stream().map(e -> e.getAsJsonObject())
                .filter(version -> version.get("path").getAsString().equals("notes.txt")).findFirst().orElseThrow();
            Files.delete(target.resolve("notes.txt"));
            CliRun restored = CliRun.run(library, "trash", "restore", notes.get("id").getAsString());
            assertThat(restored.exitCode()).as(restored.err()).isZero();
            assertThat(target.resolve("notes.txt")).hasContent("the first notes");
            try (var left = Files.walk(target)) {
                assertThat(left.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".conduit-tmp-"));
            }
        }
    }
}
