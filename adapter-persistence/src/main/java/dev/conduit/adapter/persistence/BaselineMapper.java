package dev.conduit.adapter.persistence;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Param;

/** The baseline of bidirectional conduits: read with JDBC like the index (same columns, same order). */
interface BaselineMapper {

    /** Served by the primary key (conduit_id, parent, name): no sort. */
    String BY_DIRECTORY =
            "SELECT " + EntryMapper.COLUMNS + " FROM baseline_entry WHERE conduit_id = ?" + " ORDER BY parent, name";

    String BY_DIRECTORY_DESCENDING = BY_DIRECTORY.replace("ORDER BY parent, name", "ORDER BY parent DESC, name DESC");

    /**
     * The same below one folder: its children ({@code parent = ?}) and everything under it ('p/' up to 'p0'),
     * bound with the folder four times. One range of the index ('p' up to 'p0') filtered, so that SQLite seeks
     * to it: with an {@code OR} of the two ranges it read every row of the location (issue 13).
     */
    String BY_DIRECTORY_UNDER = "SELECT " + EntryMapper.COLUMNS + " FROM baseline_entry WHERE conduit_id = ?"
            + " AND parent >= ? AND parent < ? || '0' AND (parent = ? OR parent >= ? || '/') ORDER BY parent, name";

    /**
     * A baseline entry inserted or replaced: bound as conduit, parent, name, the {@link EntryRow#bind row} (without
     * its file key and change time: a baseline is compared by content), generation.
     */
    String UPSERT = "INSERT INTO baseline_entry (conduit_id, parent, name, path, kind, size, mtime_ns, mode, file_key,"
            + " link_target, content_hash, indexed_at, ctime_ns, xattrs, uid, gid, generation)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (conduit_id, parent, name) DO UPDATE SET kind = excluded.kind, size = excluded.size,"
            + " mtime_ns = excluded.mtime_ns, mode = excluded.mode, link_target = excluded.link_target,"
            + " content_hash = excluded.content_hash, indexed_at = excluded.indexed_at, xattrs = excluded.xattrs,"
            + " uid = excluded.uid, gid = excluded.gid, generation = excluded.generation";

    String DELETE = "DELETE FROM baseline_entry WHERE conduit_id = ? AND parent = ? AND name = ?";

    @Delete("DELETE FROM baseline_entry WHERE conduit_id = #{conduit}")
    int forget(@Param("conduit") long conduit);
}
