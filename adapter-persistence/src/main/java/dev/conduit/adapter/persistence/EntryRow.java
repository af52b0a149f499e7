package dev.conduit.adapter.persistence;

import dev.conduit.domain.index.ContentHash;
import dev.conduit.domain.index.EntryKind;
import dev.conduit.domain.index.FileStat;
import dev.conduit.domain.index.IndexEntry;
import dev.conduit.domain.index.Xattrs;
import dev.conduit.domain.path.RelativePath;
import io.vavr.control.Option;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of the entry table. Nullable columns are nullable here, and nowhere past {@link #toDomain()}. */
record EntryRow(
        String path,
        String kind,
        long size,
        long mtimeNs,
        int mode,
        String fileKey,
        String linkTarget,
        String contentHash,
        long indexedAt,
        long ctimeNs,
        String xattrs,
        Integer uid,
        Integer gid) {

    /** Most entries' attributes (none at all), shared rather than made for every row read. */
    private static final Option<Xattrs> NO_XATTRS = Option.some(Xattrs.NONE);

    /** How many parameters {@link #bind} sets. */
    static final int BOUND_COLUMNS = 13;

    /** The row under the cursor of a query that selects {@link EntryMapper#COLUMNS}, in their order. */
    static EntryRow read(ResultSet rows) throws SQLException {
        return new EntryRow(
                rows.getString(1),
                rows.getString(2),
                rows.getLong(3),
                rows.getLong(4),
                rows.getInt(5),
                rows.getString(6),
                rows.getString(7),
                rows.getString(8),
                rows.getLong(9),
                rows.getLong(10),
                rows.getString(11),
                owner(rows, 12),
                owner(rows, 13));
    }

    /** A nullable id column. */
    private static Integer owner(ResultSet rows, int column) throws SQLException {
        int id = rows.getInt(column);
        return rows.wasNull() ? null : id;
    }

    /**
     * Binds the row's columns — path, kind, size, mtime_ns, mode, file_key, link_target, content_hash, indexed_at,
     * ctime_ns, xattrs, uid, gid — from parameter {@code first} on.
     */
    void bind(java.sql.PreparedStatement statement, int first) throws SQLException {
        statement.setString(first, path);
        statement.setString(first + 1, kind);
        statement.setLong(first + 2, size);
        statement.setLong(first + 3, mtimeNs);
        statement.setInt(first + 4, mode);
        statement.setString(first + 5, fileKey);
        statement.setString(first + 6, linkTarget);
        statement.setString(first + 7, contentHash);
        statement.setLong(first + 8, indexedAt);
        statement.setLong(first + 9, ctimeNs);
        statement.setString(first + 10, xattrs);
        statement.setObject(first + 11, uid, java.sql.Types.INTEGER);
        statement.setObject(first + 12, gid, java.sql.Types.INTEGER);
    }

    /**
     * The same row without its file key and change time (an inode means nothing on the other side, or later); its
     * owner stays, as its permission bits do.
     */
    EntryRow withoutInode() {
        return new EntryRow(
                path, kind, size, mtimeNs, mode, null, linkTarget, contentHash, indexedAt, 0, xattrs, uid, gid);
    }

    static EntryRow of(IndexEntry entry) {
        FileStat stat = entry.stat();
        return new EntryRow(
                entry.path().value(),
                stat.kind().name(),
                stat.size(),
                stat.mtimeNanos(),
                stat.mode(),
                stat.fileKey().getOrNull(),
                stat.linkTarget().getOrNull(),
                entry.hash().map(ContentHash::hex).getOrNull(),
                entry.indexedAtNanos(),
                stat.ctimeNanos(),
                entry.xattrs().map(Xattrs::fingerprint).getOrNull(),
                stat.ownerKnown() ? stat.uid() : null,
                stat.ownerKnown() ? stat.gid() : null);
    }

    /** A row that does not make a valid entry is a damaged index: that is an error, never an absent entry. */
    IndexEntry toDomain() {
        try {
            RelativePath relative = RelativePath.parse(path)
                    .getOrElseThrow(problem -> new IllegalStateException(problem.description()));
            FileStat stat = new FileStat(
                    EntryKind.valueOf(kind),
                    size,
                    mtimeNs,
                    mode,
                    Option.of(fileKey),
                    Option.of(linkTarget),
                    ctimeNs,
                    uid == null || gid == null ? FileStat.UNKNOWN_OWNER : uid,
                    uid == null || gid == null ? FileStat.UNKNOWN_OWNER : gid);
            return new IndexEntry(
                    relative,
                    stat,
                    Option.of(contentHash).map(ContentHash::new),
                    xattrs == null ? Option.none() : xattrs.isEmpty() ? NO_XATTRS : Option.some(new Xattrs(xattrs)),
                    indexedAt);
        } catch (IllegalArgumentException | IllegalStateException damaged) {
            throw new IllegalStateException("damaged index entry '" + path + "': " + damaged.getMessage(), damaged);
        }
    }
}
