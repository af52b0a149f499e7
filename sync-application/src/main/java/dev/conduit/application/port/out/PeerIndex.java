package dev.conduit.application.port.out;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.IndexListener;
import dev.conduit.application.port.in.ScanProblem;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The index of an endpoint on another device, kept by that device's own library (library sync first): the peer
 * brings it up to date by scanning its root, then answers with what changed since the exchange this side last
 * applied, streamed entry by entry. This side keeps a copy of that index in its own library and resolves from the
 * copy; no plan is made from a copy that was not brought up to date in the same sync.
 */
public interface PeerIndex {

    /**
     * Scans the peer's root with {@code scan}'s rules, then streams into {@code sink} what changed since
     * {@code since}: every entry when {@code since} is none, names another library, or is older than the peer's
     * journal still tells ({@link PeerState#whole()} then says so, and the copy is replaced).
     */
    Either<IndexFailure, PeerState> changes(PeerScan scan, Option<PeerPosition> since, ChangeSink sink);

    /**
     * Asked once this side's jobs wrote into {@code root} and their results are recorded in the copy: the position the
     * exchange of this session left the copy at ({@code from}), and the one the peer's journal got to by recording those
     * same results and nothing else ({@code to}). The copy may take {@code to} as its position: the next exchange does
     * not send this side its own changes back (ADR 0051). None when the peer cannot tell, wrote nothing, or anything
     * else wrote there meanwhile.
     */
    default Option<Settled> settled(String root) {
        return Option.none();
    }

    /**
     * {@link #settled} asked now and answered by the supplier: a peer over a link sends the question at once and
     * reads its answer when it is taken, so that other questions go in the same round trip (ADR 0062). The supplier
     * is taken once.
     */
    default java.util.function.Supplier<Option<Settled>> settling(String root) {
        return () -> settled(root);
    }

    /** The position an exchange left the copy at, and where the peer's own record of this side's jobs took it. */
    record Settled(PeerPosition from, PeerPosition to) {}

    /**
     * What the peer scans.
     *
     * @param root            the root on the peer, absolute
     * @param ignorePatterns  the conduit's patterns, relative to the root
     * @param readIgnoreFiles whether {@code .conduitignore} files apply
     * @param hashNewFiles    whether new files are hashed by the scan (a side the sync writes into)
     * @param listener        the scan's progress, as the peer reports it
     */
    record PeerScan(
            String root,
            Seq<String> ignorePatterns,
            boolean readIgnoreFiles,
            boolean hashNewFiles,
            IndexListener listener) {}

    /**
     * The scan a sync will ask of a peer's root, said when the session starts so that the peer may begin it before it
     * is asked (ADR 0055). A hint: the exchange asks as before, and a peer whose scan ahead had other rules scans
     * again.
     */
    record ScanAhead(String root, Seq<String> ignorePatterns, boolean readIgnoreFiles, boolean hashNewFiles) {

        /** The scan ahead that {@code scan} would take: the same root, patterns and flags. */
        public static ScanAhead of(PeerScan scan) {
            return new ScanAhead(scan.root(), scan.ignorePatterns(), scan.readIgnoreFiles(), scan.hashNewFiles());
        }

        /** Whether {@code scan} asks for exactly this scan. */
        public boolean matches(PeerScan scan) {
            return root.equals(scan.root())
                    && ignorePatterns.equals(scan.ignorePatterns())
                    && readIgnoreFiles == scan.readIgnoreFiles()
                    && hashNewFiles == scan.hashNewFiles();
        }
    }

    /** A point in a peer library's change journal: which library, and how far its location's journal had got. */
    record PeerPosition(String library, long position) {}

    /** Receives one exchange's changes, in any order, from one thread. */
    interface ChangeSink {

        /** An entry created or changed on the peer (its path relative to the scanned root). */
        void changed(IndexEntry entry);

        /** A path the peer no longer has (and, for a folder, everything below it). */
        void removed(RelativePath path);
    }

    /**
     * The peer once the exchange is done.
     *
     * @param position    where this exchange leaves the copy: the next one asks for changes since this
     * @param whole       the sink received every entry, not changes: what the copy had and did not receive is gone
     * @param identity    the root's identity on the peer (device and inode of its folder), for the root guard
     * @param ignoreFiles the lines of every {@code .conduitignore} under the peer's root, by its path: the rules of
     *                    the peer's folders that apply on this side too
     * @param problems    what the peer's scan could not read (as {@link dev.conduit.application.port.in.IndexReport})
     * @param temporaries temporary files of killed copies found in the peer's root
     */
    record PeerState(
            PeerPosition position,
            boolean whole,
            dev.conduit.domain.index.RootIdentity identity,
            FileSystemTraits traits,
            Map<RelativePath, Seq<String>> ignoreFiles,
            Seq<ScanProblem> problems,
            long errorCount,
            long warningCount,
            Seq<RelativePath> temporaries) {}
}
