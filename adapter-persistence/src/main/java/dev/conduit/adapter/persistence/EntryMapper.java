package dev.conduit.adapter.persistence;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.cursor.Cursor;

interface EntryMapper {

    String COLUMNS = "path, kind, size, mtime_ns AS mtimeNs, mode, file_key AS fileKey, link_target AS linkTarget,"
            + " content_hash AS contentHash, indexed_at AS indexedAt, ctime_ns AS ctimeNs, xattrs, uid, gid";

    @Select("SELECT " + COLUMNS + " FROM entry WHERE location_id = #{location} AND path = #{path}")
    EntryRow entry(@Param("location") long location, @Param("path") String path);

    @Select("SELECT " + COLUMNS + " FROM entry WHERE location_id = #{location} ORDER BY path")
    Cursor<EntryRow> all(@Param("location") long location);

    @Select("SELECT " + COLUMNS + " FROM entry WHERE location_id = #{location} AND parent = #{parent} ORDER BY name")
    java.util.List<EntryRow> children(@Param("location") long location, @Param("parent") String parent);

    /** Served by the (location_id, parent, name) index: no sort. Read with JDBC, see MyBatisIndexStore. */
    String BY_DIRECTORY = "SELECT " + COLUMNS + " FROM entry WHERE location_id = ? ORDER BY parent, name";

    /**
     * The same below one folder: its children ({@code parent = ?}) and everything under it ('p/' up to 'p0'),
     * bound with the folder four times. One range of the index ('p' up to 'p0') filtered, so that SQLite seeks
     * to it: with an {@code OR} of the two ranges it read every row of the location (issue 13).
     */
    String BY_DIRECTORY_UNDER = "SELECT " + COLUMNS + " FROM entry WHERE location_id = ?"
            + " AND parent >= ? AND parent < ? || '0' AND (parent = ? OR parent >= ? || '/') ORDER BY parent, name";

    /** The same orders reversed: the index is read backwards, still without a sort. */
    String BY_DIRECTORY_DESCENDING = BY_DIRECTORY.replace("ORDER BY parent, name", "ORDER BY parent DESC, name DESC");

    String BY_DIRECTORY_UNDER_DESCENDING =
            BY_DIRECTORY_UNDER.replace("ORDER BY parent, name", "ORDER BY parent DESC, name DESC");

    @Select("SELECT COUNT(*) FROM entry WHERE location_id = #{location} AND kind <> 'DIRECTORY'")
    long countFiles(@Param("location") long location);

    @Select("SELECT COUNT(*) FROM entry WHERE location_id = #{location} AND kind <> 'DIRECTORY'"
            + " AND path >= #{path} || '/' AND path < #{path} || '0'")
    long countFilesBelow(@Param("location") long location, @Param("path") String path);

    @Select("SELECT COUNT(*) FROM entry WHERE location_id = #{location}")
    long count(@Param("location") long location);

    /** An entry inserted or replaced; bound by {@link EntryRow#bind} after the location, parent and name. */
    String UPSERT = "INSERT INTO entry (location_id, parent, name, path, kind, size, mtime_ns, mode, file_key,"
            + " link_target, content_hash, indexed_at, ctime_ns, xattrs, uid, gid, journal_position)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (location_id, path) DO UPDATE SET kind = excluded.kind, size = excluded.size,"
            + " mtime_ns = excluded.mtime_ns, mode = excluded.mode, file_key = excluded.file_key,"
            + " link_target = excluded.link_target, content_hash = excluded.content_hash, indexed_at = excluded.indexed_at,"
            + " ctime_ns = excluded.ctime_ns, xattrs = excluded.xattrs, uid = excluded.uid, gid = excluded.gid,"
            + " journal_position = excluded.journal_position";

    /**
     * A row examined again and found as recorded: its examination time only, its journal position kept; bound with the
     * time, the location and the path.
     */
    String REFRESH = "UPDATE entry SET indexed_at = ? WHERE location_id = ? AND path = ?";

    /**
     * A hash learnt of a row recorded without one, for the size and time it was learnt for; bound with the hash, the
     * journal position, the location, the path, the size and the time.
     */
    String LEARN_HASH = "UPDATE entry SET content_hash = ?, journal_position = ? WHERE location_id = ? AND path = ?"
            + " AND content_hash IS NULL AND size = ? AND mtime_ns = ?";

    /** Moves the location's journal on by one write, and says where it now is. */
    @Select("UPDATE location SET journal_position = journal_position + 1 WHERE id = #{location}"
            + " RETURNING journal_position")
    @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
    long advanceJournal(@Param("location") long location);

    @Select("SELECT journal_position FROM location WHERE id = #{location}")
    Long journalPosition(@Param("location") long location);

    /** Every entry written at or before a position gets a tombstone at {@code at}. */
    @Insert("INSERT INTO entry_tombstone (location_id, path, journal_position)"
            + " SELECT location_id, path, #{at} FROM entry WHERE location_id = #{location}"
            + " AND journal_position <= #{upTo} ON CONFLICT (location_id, path)"
            + " DO UPDATE SET journal_position = excluded.journal_position")
    void buryWrittenUpTo(@Param("location") long location, @Param("upTo") long upTo, @Param("at") long at);

    @Delete("DELETE FROM entry WHERE location_id = #{location} AND journal_position <= #{upTo}")
    int deleteWrittenUpTo(@Param("location") long location, @Param("upTo") long upTo);

    /** A path removed at a position (with everything below it): the tombstone keeps the latest removal. */
    @Insert("INSERT INTO entry_tombstone (location_id, path, journal_position) VALUES (#{location}, #{path}, #{at})"
            + " ON CONFLICT (location_id, path) DO UPDATE SET journal_position = excluded.journal_position")
    void bury(@Param("location") long location, @Param("path") String path, @Param("at") long at);

    @Select("SELECT path FROM entry WHERE location_id = #{location} AND journal_position > #{after}"
            + " ORDER BY journal_position LIMIT #{limit}")
    java.util.List<String> writtenAfter(
            @Param("location") long location, @Param("after") long after, @Param("limit") int limit);

    @Select("SELECT path FROM entry_tombstone WHERE location_id = #{location} AND journal_position > #{after}"
            + " ORDER BY journal_position LIMIT #{limit}")
    java.util.List<String> removedAfter(
            @Param("location") long location, @Param("after") long after, @Param("limit") int limit);

    @Delete("DELETE FROM entry_tombstone WHERE location_id = #{location} AND journal_position <= #{upTo}")
    int forgetTombstones(@Param("location") long location, @Param("upTo") long upTo);

    /**
     * The entry at the path; with {@link #deleteBelow}, a whole subtree. Two statements, not one with {@code OR}: SQLite
     * would then scan every row of the location (a sync deleting 17,000 files one by one took 100 s that way).
     */
    @Delete("DELETE FROM entry WHERE location_id = #{location} AND path = #{path}")
    int deleteAt(@Param("location") long location, @Param("path") String path);

    @Update("UPDATE entry SET path = #{to}, parent = #{toParent}, name = #{toName}, journal_position = #{at}"
            + " WHERE location_id = #{location} AND path = #{from}")
    int moveAt(
            @Param("location") long location,
            @Param("at") long at,
            @Param("from") String from,
            @Param("to") String to,
            @Param("toParent") String toParent,
            @Param("toName") String toName);

    /** Everything below {@code from} to the same places below {@code to} (two statements: see deleteAt). */
    @Update("UPDATE entry SET path = #{to} || substr(path, length(#{from}) + 1),"
            + " parent = #{to} || substr(parent, length(#{from}) + 1), journal_position = #{at}"
            + " WHERE location_id = #{location} AND path >= #{from} || '/' AND path < #{from} || '0'")
    int moveBelow(
            @Param("location") long location, @Param("at") long at, @Param("from") String from, @Param("to") String to);

    /** Everything below the path: 'p/' up to 'p0' ('0' follows '/') is exactly the subtree in byte order. */
    @Delete("DELETE FROM entry WHERE location_id = #{location} AND path >= #{path} || '/' AND path < #{path} || '0'")
    int deleteBelow(@Param("location") long location, @Param("path") String path);
}
