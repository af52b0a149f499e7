package dev.conduit.adapter.jobs.index;

import dev.conduit.domain.path.RelativePath;
import java.nio.file.Path;

/**
 * {@code ListFolder ROOT FOLDER}: what {@link LocalFileTree} makes of a folder, printed — {@code error: REASON}, or
 * the names found — for a test that runs it as another user ({@code nobody}, in a JVM of its own).
 */
public final class ListFolder {

    private ListFolder() {}

    public static void main(String[] arguments) {
        LocalFileTree tree = new LocalFileTree(new ContentHasher());
        String said = tree.list(
                        Path.of(arguments[0]), RelativePath.parse(arguments[1]).get())
                .fold(
                        reason -> "error: " + reason,
                        listed -> "listed: "
                                + listed.map(entry -> entry.name()).sorted().mkString(", "));
        System.out.println(said);
    }
}
