package dev.conduit.application.port.in;

import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/** Bring the index of a directory up to date, registering it as a location the first time. */
public interface IndexLocation {

    Either<IndexFailure, IndexReport> index(Command command);

    /**
     * @param root             the directory to index
     * @param ignorePatterns   extra gitignore-style patterns, relative to the root
     * @param readIgnoreFiles  whether {@code .conduitignore} files in the tree apply
     * @param listener         told about progress as the scan goes
     * @param hashNewFiles     whether files the index has never seen are read and hashed now; a sync that is about
     *                         to copy them leaves it to the copy, which hashes what it reads (the index gets that
     *                         hash; any file still without one is hashed by the next scan)
     * @param peerIgnore       the {@code .conduitignore} files of the conduit's other root (when they are read at all),
     *                         which apply here too, folder by folder: a path either side ignores is never copied or
     *                         deleted
     * @param onlyFolders      when given, only these folders of the root (relative to it) are looked at, each
     *                         shallowly: its own entry and the entries directly inside it; a folder found there that the
     *                         index does not know as a folder is scanned whole. What a watcher saw change, re-read
     *                         with the same rules as a scan of the whole root. None: the whole root.
     * @param readOnly         the root is only read: its file system is probed without writing (ADR 0040)
     * @param planning         for a plan: a location another process is scanning is not scanned, its index is taken
     *                         as recorded so far (ADR 0050); the scan's end is not recorded (ADR 0056)
     */
    record Command(
            Path root,
            Seq<String> ignorePatterns,
            boolean readIgnoreFiles,
            IndexListener listener,
            boolean hashNewFiles,
            Option<PeerIgnoreFiles> peerIgnore,
            Option<Seq<dev.conduit.domain.path.RelativePath>> onlyFolders,
            boolean readOnly,
            boolean planning) {

        public Command {
            if (root == null
                    || ignorePatterns == null
                    || listener == null
                    || peerIgnore == null
                    || onlyFolders == null) {
                throw new IllegalArgumentException(
                        "root, ignorePatterns, listener, peerIgnore and onlyFolders are required");
            }
        }

        /** A scan of the whole root. */
        public Command(
                Path root,
                Seq<String> ignorePatterns,
                boolean readIgnoreFiles,
                IndexListener listener,
                boolean hashNewFiles,
                Option<PeerIgnoreFiles> peerIgnore) {
            this(
                    root,
                    ignorePatterns,
                    readIgnoreFiles,
                    listener,
                    hashNewFiles,
                    peerIgnore,
                    Option.none(),
                    false,
                    false);
        }

        /** The same scan, with the other root's ignore files as given. */
        public Command withPeerIgnore(Option<PeerIgnoreFiles> files) {
            return new Command(
                    root,
                    ignorePatterns,
                    readIgnoreFiles,
                    listener,
                    hashNewFiles,
                    files,
                    onlyFolders,
                    readOnly,
                    planning);
        }

        /** The same scan, its progress told to {@code other}. */
        public Command withListener(IndexListener other) {
            return new Command(
                    root,
                    ignorePatterns,
                    readIgnoreFiles,
                    other,
                    hashNewFiles,
                    peerIgnore,
                    onlyFolders,
                    readOnly,
                    planning);
        }

        /** The same scan, of these folders of the root only, each shallowly. */
        public Command onlyIn(Seq<dev.conduit.domain.path.RelativePath> folders) {
            return new Command(
                    root,
                    ignorePatterns,
                    readIgnoreFiles,
                    listener,
                    hashNewFiles,
                    peerIgnore,
                    Option.some(folders),
                    readOnly,
                    planning);
        }

        /**
         * The same scan of a root that is only read (a mirror's source): its file system is probed without writing
         * where it can be, else not at all (ADR 0040).
         */
        public Command readingOnly() {
            return new Command(
                    root,
                    ignorePatterns,
                    readIgnoreFiles,
                    listener,
                    hashNewFiles,
                    peerIgnore,
                    onlyFolders,
                    true,
                    planning);
        }

        /**
         * The same scan, for a plan: while another scan of the location runs, the index is taken as that scan has
         * recorded it so far instead of waiting for it, once the location was indexed before (ADR 0050).
         */
        public Command forPlan() {
            return new Command(
                    root,
                    ignorePatterns,
                    readIgnoreFiles,
                    listener,
                    hashNewFiles,
                    peerIgnore,
                    onlyFolders,
                    readOnly,
                    true);
        }

        /** A scan of one root on its own. */
        public Command(
                Path root,
                Seq<String> ignorePatterns,
                boolean readIgnoreFiles,
                IndexListener listener,
                boolean hashNewFiles) {
            this(root, ignorePatterns, readIgnoreFiles, listener, hashNewFiles, Option.none());
        }

        /** A scan that hashes every new file: what {@code conduit index} does. */
        public Command(Path root, Seq<String> ignorePatterns, boolean readIgnoreFiles, IndexListener listener) {
            this(root, ignorePatterns, readIgnoreFiles, listener, true);
        }
    }
}
