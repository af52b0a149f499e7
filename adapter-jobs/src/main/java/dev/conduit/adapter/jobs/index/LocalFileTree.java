package dev.conduit.adapter.jobs.index;

import dev.conduit.adapter.jobs.IoFailures;
import dev.conduit.adapter.jobs.PosixStat;
import dev.conduit.adapter.jobs.UserXattrs;
import dev.conduit.adapter.jobs.sync.ReadableFiles;
import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.RescanRules;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The local disk, read with one lstat per entry ({@link PosixStat}); links are never followed. */
final class LocalFileTree implements FileTree {

    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_SYMLINK = 0120000;
    private static final int TYPE_FIFO = 0010000;
    private static final int TYPE_SOCKET = 0140000;
    private static final int TYPE_CHARACTER_DEVICE = 0020000;
    private static final int TYPE_BLOCK_DEVICE = 0060000;

    private final ContentHasher hasher;

    @Inject
    LocalFileTree(ContentHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public Either<RootProblem, Root> identify(Path root) {
        try {
            Map<String, Object> attributes = Files.readAttributes(root, "unix:ino,dev,mode"); // follows a linked root
            if (((Integer) attributes.get("mode") & TYPE_MASK) != TYPE_DIRECTORY) {
                return Either.left(RootProblem.notADirectory());
            }
            if (!Files.isReadable(root) || !Files.isExecutable(root)) {
                return Either.left(RootProblem.unreadable("permission denied"));
            }
            RootIdentity identity = new RootIdentity(
                    attributes.get("dev").toString(), attributes.get("ino").toString());
            return Either.right(new Root(root.toRealPath(), identity));
        } catch (NoSuchFileException missing) {
            return Either.left(RootProblem.missing());
        } catch (IOException other) { // denied, a loop of links, an I/O error...
            return Either.left(RootProblem.unreadable(reason(other)));
        }
    }

    @Override
    public Either<EntryFailure, Seq<Listed>> list(Path root, RelativePath directory) {
        Path folder = resolve(root, directory);
        java.util.List<Listed> listed = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                listed.add(examine(folder, child));
            }
        } catch (IOException failure) {
            return Either.left(IoFailures.failure(failure));
        }
        return Either.right(List.ofAll(listed));
    }

    @Override
    public Listed examine(Path root, RelativePath path) {
        Path entry = resolve(root, path);
        return examine(entry.getParent() == null ? entry : entry.getParent(), entry);
    }

    private Listed examine(Path folder, Path child) {
        String name = child.getFileName() == null ? "" : child.getFileName().toString(); // "/" has no name
        if (!isExactName(folder, child, name)) {
            return new Listed.Unreadable(escaped(child), EntryFailure.notUtf8(EntryFailure.NotUtf8.Of.NAME), false);
        }
        try {
            PosixFileAttributes attributes = PosixStat.lstat(child);
            int mode = PosixStat.mode(child, attributes);
            Seen seen = new Seen(
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    mode & 07777,
                    Option.some(PosixStat.fileKey(child, attributes)),
                    PosixStat.ctime(child, attributes),
                    PosixStat.uid(child, attributes),
                    PosixStat.gid(child, attributes));
            return switch (mode & TYPE_MASK) {
                case TYPE_FILE -> new Listed.Found(name, seen.as(EntryKind.FILE, attributes.size(), Option.none()));
                case TYPE_DIRECTORY -> new Listed.Found(name, seen.as(EntryKind.DIRECTORY, 0, Option.none()));
                case TYPE_SYMLINK ->
                    linkTarget(child)
                            .fold(
                                    problem -> new Listed.Unreadable(name, problem.in("cannot read link: "), true),
                                    target -> new Listed.Found(
                                            name, seen.as(EntryKind.SYMLINK, target.length(), Option.some(target))));
                case TYPE_FIFO -> new Listed.Unsupported(name, "a named pipe (FIFO)");
                case TYPE_SOCKET -> new Listed.Unsupported(name, "a socket");
                case TYPE_CHARACTER_DEVICE, TYPE_BLOCK_DEVICE -> new Listed.Unsupported(name, "a device");
                default -> new Listed.Unsupported(name, "an unknown kind of file");
            };
        } catch (IOException failure) {
            return new Listed.Unreadable(name, IoFailures.failure(failure).in("cannot stat: "), true);
        }
    }

    /** What one lstat said of an entry, whatever its kind. */
    private record Seen(long mtime, int permissions, Option<String> fileKey, long ctime, int uid, int gid) {

        FileStat as(EntryKind kind, long size, Option<String> linkTarget) {
            return new FileStat(kind, size, mtime, permissions, fileKey, linkTarget, ctime, uid, gid);
        }
    }

    /**
     * A name that is not valid UTF-8, for people: its valid parts as they are, each byte that is not UTF-8 as
     * {@code \xNN}. The name's bytes come from the path's URI, which percent-encodes the bytes the file system gave.
     */
    static String escaped(Path child) {
        String raw = child.toAbsolutePath().toUri().getRawPath();
        String last = raw.substring(raw.lastIndexOf('/', raw.length() - 2) + 1).replaceAll("/$", "");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (c == '%' && i + 2 < last.length()) {
                bytes.write(Integer.parseInt(last.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes.toByteArray());
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(in.remaining());
        StringBuilder text = new StringBuilder();
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        while (true) {
            java.nio.charset.CoderResult result = decoder.decode(in, out, true);
            out.flip();
            text.append(out);
            out.clear();
            if (!result.isError()) {
                break;
            }
            for (int n = 0; n < result.length(); n++) {
                text.append(String.format("\\x%02X", in.get() & 0xff));
            }
        }
        return text.toString();
    }

    /**
     * Names are bytes on Linux. The JVM decodes them as UTF-8 (the launcher makes sure of it); a name that is not
     * valid UTF-8 decodes lossily, and the decoded string would name another file (or none).
     */
    private static boolean isExactName(Path folder, Path child, String name) {
        if (name.indexOf('\uFFFD') < 0) {
            return true;
        }
        try {
            return folder.resolve(name).equals(child);
        } catch (java.nio.file.InvalidPathException unmappable) { // the JVM's charset cannot even spell it
            return false;
        }
    }

    /** The link's target as text; refused when its bytes are not valid UTF-8, rather than stored mangled. */
    private static Either<EntryFailure, String> linkTarget(Path link) {
        try {
            Path target = Files.readSymbolicLink(link);
            String text = target.toString();
            if (text.indexOf('\uFFFD') >= 0 && !sameBytes(target, text)) {
                return Either.left(EntryFailure.notUtf8(EntryFailure.NotUtf8.Of.LINK_TARGET));
            }
            return Either.right(text);
        } catch (IOException failure) {
            return Either.left(IoFailures.failure(failure));
        }
    }

    private static boolean sameBytes(Path target, String text) {
        try {
            return target.getFileSystem().getPath(text).equals(target);
        } catch (java.nio.file.InvalidPathException unmappable) {
            return false;
        }
    }

    @Override
    public Either<EntryFailure, ContentHash> hash(Path root, RelativePath file, FileStat expected) {
        Path path = resolve(root, file);
        try {
            ContentHash hash = hasher.hash(path);
            PosixFileAttributes after = PosixStat.lstat(path);
            FileStat now = FileStat.file(
                    after.size(),
                    after.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    expected.mode(),
                    Option.some(PosixStat.fileKey(path, after)));
            boolean touched = RescanRules.changedSince(expected.ctimeNanos(), PosixStat.ctime(path, after));
            if (!RescanRules.sameEntry(expected, now) || touched) {
                return Either.left(EntryFailure.changedWhileRead());
            }
            return Either.right(hash);
        } catch (IOException failure) {
            return Either.left(IoFailures.failure(failure));
        }
    }

    @Override
    public Either<EntryFailure, Option<Xattrs>> xattrs(Path root, RelativePath entry) {
        return UserXattrs.fingerprint(resolve(root, entry));
    }

    @Override
    public Either<EntryFailure, Option<Seq<String>>> readLines(Path root, RelativePath file) {
        // a regular file only, whatever the name is now: a pipe named as an ignore file would block the scan for good;
        // a link, a pipe or a folder of that name holds no lines, as a full scan skips it (ADR 0076)
        Option<java.nio.channels.FileChannel> regular;
        try {
            regular = ReadableFiles.openIfRegular(resolve(root, file));
        } catch (NoSuchFileException missing) {
            return Either.right(Option.none());
        } catch (IOException failure) {
            return Either.left(IoFailures.failure(failure));
        }
        if (regular.isEmpty()) {
            return Either.right(Option.none());
        }
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
                java.nio.channels.Channels.newReader(regular.get(), StandardCharsets.UTF_8.newDecoder(), -1))) {
            return Either.right(Option.some(List.ofAll(lines.lines())));
        } catch (java.io.UncheckedIOException broken) {
            return Either.left(
                    broken.getCause() instanceof MalformedInputException
                            ? EntryFailure.notUtf8(EntryFailure.NotUtf8.Of.TEXT)
                            : IoFailures.failure(broken.getCause()));
        } catch (IOException failure) { // its close
            return Either.left(IoFailures.failure(failure));
        }
    }

    static Path resolve(Path root, RelativePath path) {
        return path.isRoot() ? root : root.resolve(path.value());
    }

    /** A short reason in words, without the path (the caller says where). */
    static String reason(IOException failure) {
        return IoFailures.reason(failure);
    }
}
