package dev.conduit.application.fakes;

import dev.conduit.application.port.in.EntryFailure;
import dev.conduit.application.port.out.FileTree;
import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.RootIdentity;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A file tree in memory, in the spirit of Syncthing's fakefs: enough of a disk to drive the indexer's rules. */
public final class InMemoryFileTree implements FileTree {

    private String device = "1";

    private final Map<String, Node> nodes = new TreeMap<>();
    private final Set<String> unlistable = new HashSet<>();
    private final Set<String> changingWhileRead = new HashSet<>();
    private final java.util.List<String> hashed = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.List<String> listed = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.List<String> xattrsRead = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Xattrs> xattrs = new TreeMap<>();
    private final Map<String, String> oddNames = new TreeMap<>();
    private final Map<String, String> vanishing = new TreeMap<>();
    private boolean rootExists = true;
    private String connectionLost;
    private long clock = 1_000_000_000_000_000_000L;
    private long inode = 100;

    private record Node(FileStat stat, String content) {}

    public InMemoryFileTree file(String path, String content) {
        ensureParents(path);
        nodes.put(
                path,
                new Node(
                        FileStat.file(
                                content.getBytes(StandardCharsets.UTF_8).length,
                                tick(),
                                0644,
                                Option.some("1:" + inode++)),
                        content));
        return this;
    }

    public InMemoryFileTree directory(String path) {
        ensureParents(path);
        nodes.put(path, new Node(FileStat.directory(tick(), 0755, Option.some("1:" + inode++)), null));
        return this;
    }

    public InMemoryFileTree symlink(String path, String target) {
        ensureParents(path);
        nodes.put(path, new Node(FileStat.symlink(target, tick(), 0777, Option.some("1:" + inode++)), null));
        return this;
    }

    public InMemoryFileTree chmod(String path, int mode) {
        Node node = nodes.get(path);
        FileStat s = node.stat();
        nodes.put(
                path,
                new Node(
                        new FileStat(s.kind(), s.size(), s.mtimeNanos(), mode, s.fileKey(), s.linkTarget(), tick()),
                        node.content()));
        return this;
    }

    /** Gives the entry these extended attributes: its change time moves, nothing else. */
    public InMemoryFileTree setXattrs(String path, Xattrs attributes) {
        xattrs.put(path, attributes);
        Node node = nodes.get(path);
        nodes.put(path, new Node(node.stat().withCtime(tick()), node.content()));
        return this;
    }

    /** Entries whose extended attributes were read since the last call, in order. */
    public java.util.List<String> takeXattrsRead() {
        java.util.List<String> taken = new ArrayList<>(xattrsRead);
        xattrsRead.clear();
        return taken;
    }
    /** Puts an entry with exactly this stat at its path (the folders above it made), as a job would have written it. */
    public InMemoryFileTree place(dev.conduit.domain.index.IndexEntry entry) {
        String path = entry.path().value();
        ensureParents(path);
        nodes.put(path, new Node(entry.stat(), entry.stat().isFile() ? "placed" : null));
        return this;
    }

    /** Renames the path and everything below it, as a rename on disk does. */
    public InMemoryFileTree move(String from, String to) {
        Map<String, Node> moved = new TreeMap<>();
        nodes.entrySet().removeIf(node -> {
            boolean inside = node.getKey().equals(from) || node.getKey().startsWith(from + "/");
            if (inside) {
                moved.put(to + node.getKey().substring(from.length()), node.getValue());
            }
            return inside;
        });
        ensureParents(to);
        nodes.putAll(moved);
        return this;
    }

    /** Removes the path and everything below it. */
    public InMemoryFileTree delete(String path) {
        nodes.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        return this;
    }

    public InMemoryFileTree unlistable(String directory) {
        unlistable.add(directory);
        return this;
    }

    public InMemoryFileTree changesWhileRead(String path) {
        changingWhileRead.add(path);
        return this;
    }

    /** A name in {@code directory} that does not decode as UTF-8, rendered as {@code lossy}. */
    public InMemoryFileTree badName(String directory, String lossy) {
        oddNames.put(directory, lossy);
        return this;
    }

    /** A name listed in {@code directory} that is gone by the time it is examined. */
    public InMemoryFileTree vanishing(String directory, String name) {
        vanishing.put(directory, name);
        return this;
    }

    public InMemoryFileTree noRoot() {
        rootExists = false;
        return this;
    }

    /** A disk on another host whose connection is lost: its root cannot be looked at, for {@code why}. */
    public InMemoryFileTree connectionLost(String why) {
        connectionLost = why;
        return this;
    }

    /** Files hashed since the last call, in order. */
    public java.util.List<String> takeHashed() {
        java.util.List<String> taken = new ArrayList<>(hashed);
        hashed.clear();
        return taken;
    }

    public java.util.List<String> listedDirectories() {
        return listed;
    }

    /** Moves the fake clock far ahead, so that everything written so far is settled (not racy). */
    public void settle() {
        clock += 3_600_000_000_000L;
    }

    public long now() {
        return clock;
    }

    private long tick() {
        clock += 1_000_000L;
        return clock;
    }

    private void ensureParents(String path) {
        RelativePath parent = RelativePath.parse(path).get().parent();
        while (!parent.isRoot()) {
            nodes.putIfAbsent(
                    parent.value(), new Node(FileStat.directory(tick(), 0755, Option.some("1:" + inode++)), null));
            parent = parent.parent();
        }
    }

    /** Another file system mounted at the root: its identity names another device. */
    public InMemoryFileTree mountedOn(String device) {
        this.device = device;
        return this;
    }

    @Override
    public Either<RootProblem, Root> identify(Path root) {
        if (connectionLost != null) {
            return Either.left(RootProblem.connectionLost(connectionLost));
        }
        return rootExists
                ? Either.right(new Root(root, new RootIdentity(device, "2")))
                : Either.left(RootProblem.missing());
    }

    @Override
    public Either<EntryFailure, Seq<Listed>> list(Path root, RelativePath directory) {
        listed.add(directory.value());
        if (unlistable.contains(directory.value())) {
            return Either.left(EntryFailure.permissionDenied());
        }
        java.util.List<Listed> children = new ArrayList<>();
        nodes.forEach((path, node) -> {
            RelativePath p = RelativePath.parse(path).get();
            if (p.parent().equals(directory)) {
                children.add(new Listed.Found(p.name(), node.stat()));
            }
        });
        if (vanishing.containsKey(directory.value())) {
            children.add(new Listed.Unreadable(vanishing.get(directory.value()), EntryFailure.vanished(), true));
        }
        if (oddNames.containsKey(directory.value())) {
            children.add(new Listed.Unreadable(
                    oddNames.get(directory.value()), EntryFailure.notUtf8(EntryFailure.NotUtf8.Of.NAME), false));
        }
        return Either.right(List.ofAll(children).reverse()); // no promise of order
    }

    @Override
    public Listed examine(Path root, RelativePath path) {
        Node node = nodes.get(path.value());
        return node == null
                ? new Listed.Unreadable(path.name(), EntryFailure.vanished(), true)
                : new Listed.Found(path.name(), node.stat());
    }

    @Override
    public Either<EntryFailure, ContentHash> hash(Path root, RelativePath file, FileStat expected) {
        Node node = nodes.get(file.value());
        if (node == null || node.content() == null) {
            return Either.left(EntryFailure.vanished());
        }
        hashed.add(file.value());
        if (changingWhileRead.contains(file.value())) {
            return Either.left(EntryFailure.changedWhileRead());
        }
        return Either.right(sha256(node.content()));
    }

    @Override
    public Either<EntryFailure, Option<Xattrs>> xattrs(Path root, RelativePath entry) {
        Node node = nodes.get(entry.value());
        if (node == null) {
            return Either.left(EntryFailure.vanished());
        }
        xattrsRead.add(entry.value());
        return Either.right(Option.some(xattrs.getOrDefault(entry.value(), Xattrs.NONE)));
    }

    @Override
    public Either<EntryFailure, Option<Seq<String>>> readLines(Path root, RelativePath file) {
        Node node = nodes.get(file.value());
        return Either.right(
                node == null
                        ? Option.none()
                        : Option.some(List.of(node.content().split("\n"))));
    }

    public static ContentHash sha256(String content) {
        try {
            return ContentHash.of(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
