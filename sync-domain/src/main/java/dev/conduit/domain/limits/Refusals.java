package dev.conduit.domain.limits;

import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.join.Pairing;
import dev.conduit.domain.path.RelativePath;
import dev.conduit.domain.plan.Direction;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entries a sync refuses to carry because the receiving side's file system cannot hold them (see
 * {@link Refusal}), found in one pass over the join by a {@link Finder}. A refused folder covers everything below it:
 * nothing is carried into a name the receiving side would take for another one.
 */
public final class Refusals {

    public static final Refusals NONE = new Refusals(new TreeMap<>());

    private final TreeMap<RelativePath, Refusal> byPath;

    private Refusals(TreeMap<RelativePath, Refusal> byPath) {
        this.byPath = byPath;
    }

    /** Whether the path, or a folder above it, is refused. */
    public boolean covers(RelativePath path) {
        if (byPath.isEmpty()) {
            return false;
        }
        for (RelativePath at = path; !at.isRoot(); at = at.parent()) {
            if (byPath.containsKey(at)) {
                return true;
            }
        }
        return false;
    }

    /** Every refusal, in tree order, without those below a refused folder. */
    public Seq<Refusal> all() {
        return List.ofAll(byPath.values());
    }

    public boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** Whether a receiving side with these traits can refuse anything: then the join must be read for refusals. */
    public static boolean possible(FileSystemTraits receiving) {
        return !receiving.symlinks() || !receiving.caseSensitive();
    }

    /** A finder of what the receiving side of {@code direction}, with these traits, refuses. */
    public static Finder finder(Direction direction, FileSystemTraits receiving) {
        return new Finder(direction, receiving);
    }

    /**
     * Hears the join path by path, in either directory order (see {@link Pairing}): the entries of one folder come
     * together, so only one folder's names are held at a time. Of names that differ only in case, the one the
     * receiving side already holds is kept, else the first in code-point order; the others are refused, whichever
     * order the join comes in.
     */
    public static final class Finder {

        private final Direction direction;
        private final FileSystemTraits receiving;
        private final TreeMap<RelativePath, Refusal> found = new TreeMap<>();
        private RelativePath folder;
        private final Map<String, java.util.List<IndexEntry>> byFoldedName = new HashMap<>();
        private final Map<String, String> held = new HashMap<>();

        private Finder(Direction direction, FileSystemTraits receiving) {
            this.direction = direction;
            this.receiving = receiving;
        }

        /** What the sending and the receiving side hold at the next path of the join. */
        public void offer(Option<IndexEntry> sending, Option<IndexEntry> receivingEntry) {
            if (sending.isEmpty()) {
                return;
            }
            IndexEntry entry = sending.get();
            if (entry.kind() == EntryKind.SYMLINK && !receiving.symlinks()) {
                found.put(
                        entry.path(),
                        new Refusal(
                                direction,
                                entry,
                                "the " + direction.to().label()
                                        + "'s file system cannot hold symbolic links; not copied"));
            }
            if (receiving.caseSensitive()) {
                return;
            }
            RelativePath parent = entry.path().parent();
            if (!parent.equals(folder)) {
                closeFolder();
                folder = parent;
            }
            String folded = fold(entry.path().name());
            byFoldedName.computeIfAbsent(folded, name -> new ArrayList<>(1)).add(entry);
            if (receivingEntry.isDefined()) {
                held.put(folded, entry.path().name());
            }
        }

        /** The refusals found, once the whole join was offered. */
        public Refusals done() {
            closeFolder();
            TreeMap<RelativePath, Refusal> topmost = new TreeMap<>();
            Refusals kept = new Refusals(topmost);
            for (Refusal refusal : found.values()) { // tree order: a folder before what is below it
                if (!kept.covers(refusal.path())) {
                    topmost.put(refusal.path(), refusal);
                }
            }
            return kept;
        }

        private void closeFolder() {
            for (Map.Entry<String, java.util.List<IndexEntry>> names : byFoldedName.entrySet()) {
                java.util.List<IndexEntry> alike = names.getValue();
                if (alike.size() < 2) {
                    continue;
                }
                String kept = held.getOrDefault(
                        names.getKey(),
                        alike.stream()
                                .map(entry -> entry.path().name())
                                .min(RelativePath::compareCodePoints)
                                .orElseThrow());
                for (IndexEntry entry : alike) {
                    if (!entry.path().name().equals(kept)) {
                        found.put(
                                entry.path(),
                                new Refusal(
                                        direction,
                                        entry,
                                        "its name differs only in case from "
                                                + kept + ", which the "
                                                + direction.to().label() + "'s file system takes for the same"
                                                + " name; not copied (rename one of them)"));
                    }
                }
            }
            byFoldedName.clear();
            held.clear();
        }
    }

    /** A name as a file system that ignores case compares it: each character's simple case folding. */
    public static String fold(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
        return folded.toString();
    }
}
