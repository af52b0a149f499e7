package dev.conduit.domain.index;

/**
 * Whether two entries of the same path, on two sides or in an index and its baseline, are the same: in content, and
 * in the metadata a sync keeps besides. The mirror's rules, the bidirectional reconciliation and the rename pairing
 * all compare entries here, within the {@link CommonGround} of the two file systems.
 */
public final class EntryComparison {

    private EntryComparison() {}

    /**
     * Whether two entries hold the same content: same kind; for files the same size and then the same hash when both
     * are known, else the same modification time (the quick check of every sync tool); for links the same target.
     * Directories have no content of their own.
     */
    public static boolean sameContent(IndexEntry a, IndexEntry b) {
        return sameContent(a, b, CommonGround.FULL);
    }

    /** The same, with modification times compared within what both sides can hold. */
    public static boolean sameContent(IndexEntry a, IndexEntry b, CommonGround ground) {
        if (a.kind() != b.kind()) {
            return false;
        }
        return switch (a.kind()) {
            case DIRECTORY -> true;
            case SYMLINK -> a.stat().linkTarget().equals(b.stat().linkTarget());
            case FILE ->
                a.stat().size() == b.stat().size()
                        && (a.hash().isDefined() && b.hash().isDefined()
                                ? a.hash().equals(b.hash())
                                : sameMtime(a, b, ground));
        };
    }

    /**
     * Whether two entries of the same content also agree on what a mirror keeps besides: permission bits (not for
     * links, whose bits mean nothing on Linux), modification time to the millisecond (not for directories, whose
     * times change with every entry made in them and are restored best effort), and extended attributes where both
     * sides know them (a file system without them cannot hold them, and is not different for that). Owners are not
     * compared here: see {@link CommonGround#owners}.
     */
    public static boolean sameMetadata(IndexEntry a, IndexEntry b) {
        return sameMetadata(a, b, CommonGround.FULL);
    }

    /**
     * The same within what both sides can hold: permission bits only when both keep them, times to the coarser
     * granularity of the two (see {@link CommonGround}), extended attributes where both sides know them, owners and
     * groups where they are kept and both sides know them (links too: {@code lchown} gives a link its own).
     */
    public static boolean sameMetadata(IndexEntry a, IndexEntry b, CommonGround ground) {
        return sameMode(a, b, ground)
                && (a.isDirectory() || sameMtime(a, b, ground))
                && sameXattrs(a, b)
                && sameOwner(a, b, ground);
    }

    /** Owner and group, where they are kept and both sides know them. */
    public static boolean sameOwner(IndexEntry a, IndexEntry b, CommonGround ground) {
        return ground.sameOwner(a.stat(), b.stat());
    }

    /** Whether both sides know the owner and group and they differ (whether or not a sync keeps them). */
    public static boolean ownerDiffers(IndexEntry a, IndexEntry b) {
        return !CommonGround.FULL_WITH_OWNERS.sameOwner(a.stat(), b.stat());
    }

    public static boolean sameMode(IndexEntry a, IndexEntry b) {
        return sameMode(a, b, CommonGround.FULL);
    }

    /** Permission bits, where both sides keep them (a link's mean nothing on Linux). */
    public static boolean sameMode(IndexEntry a, IndexEntry b, CommonGround ground) {
        return a.kind() == EntryKind.SYMLINK
                || ground.sameMode(a.stat().mode(), b.stat().mode());
    }

    /** Extended attributes differ only where both sides know them (a side that cannot hold them knows none). */
    public static boolean sameXattrs(IndexEntry a, IndexEntry b) {
        return !RescanRules.bothKnownAndDifferent(a.xattrs(), b.xattrs());
    }

    /** Modification times are compared to the millisecond, what every POSIX file system worth syncing to keeps. */
    public static boolean sameMtime(IndexEntry a, IndexEntry b) {
        return sameMtime(a, b, CommonGround.FULL);
    }

    /** Modification times compared to the coarser granularity of the two sides, never finer than a millisecond. */
    public static boolean sameMtime(IndexEntry a, IndexEntry b, CommonGround ground) {
        return ground.sameTime(a.stat().mtimeNanos(), b.stat().mtimeNanos());
    }
}
