package dev.conduit.adapter.jobs.sync;

import com.sun.jna.LastErrorException;
import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.application.port.in.EntryFailure;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file opened to be read only if it is a regular file, decided on the very file opened: the name is opened as a
 * handle that reads nothing ({@code O_PATH}, a link at the name not followed), its type looked at through that handle,
 * and only a regular file is opened for reading through it ({@code /proc/self/fd/N}). A name swapped for a pipe after
 * it was looked at is then refused instead of blocking the open until a writer comes, a device is never opened (an
 * endless {@code /dev/zero} read as a file), and a link is never followed, whenever the swap happens.
 */
public final class ReadableFiles {

    private static final int O_PATH = 010000000;

    private ReadableFiles() {}

    /**
     * The regular file at {@code file}, open for reading; when it is anything else now, a failure that says it changed
     * while it was read (it was a file when it was looked at).
     */
    public static FileChannel open(Path file) throws IOException {
        Option<FileChannel> regular = openIfRegular(file);
        if (regular.isEmpty()) {
            throw new IoFailures.Known(EntryFailure.changedWhileRead());
        }
        return regular.get();
    }

    /** The same, none when what is at {@code file} now is not a regular file (an ignore file that is a link). */
    public static Option<FileChannel> openIfRegular(Path file) throws IOException {
        int handle;
        try {
            handle =
                    CLibrary.C.open(CLibrary.bytes(file.toString()), O_PATH | CLibrary.O_NOFOLLOW | CLibrary.O_CLOEXEC);
        } catch (LastErrorException failure) {
            throw CLibrary.failure(file, failure);
        }
        Path held = Path.of("/proc/self/fd/" + handle);
        try {
            if (!Files.readAttributes(held, BasicFileAttributes.class).isRegularFile()) {
                return Option.none();
            }
            return Option.some(FileChannel.open(held, StandardOpenOption.READ));
        } catch (NoSuchFileException noProc) { // the handle is open: what is missing is /proc, not the file
            throw new FileSystemException(
                    file.toString(), null, "cannot reach it through /proc/self/fd (is /proc mounted?)");
        } finally {
            CLibrary.C.close(handle);
        }
    }
}
