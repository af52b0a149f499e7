package dev.conduit.adapter.persistence;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;

/** The baseline of bidirectional conduits: read with JDBC like the index (same columns, same order). */
interface BaselineMapper {

    /** Served by the primary key (conduit_id, parent, name): no sort. */
    String BY_DIRECTORY = "SELECT " + EntryMapper.COLUMNS + " FROM baseline_entry WHERE conduit_id = ?"
        + " ORDER BY parent, name";

    String BY_DIRECTORY_DESCENDING = BY_DIRECTORY.replace("ORDER BY parent, name", "ORDER BY parent DESC, name DESC");

    @Insert("INSERT INTO baseline_entry (conduit_id, path, parent, name, kind, size, mtime_ns, mode, file_key,"
        + " link_target, content_hash, indexed_at, generation)"
        + " VALUES (#{conduit}, #{row.path}, #{parent}, #{name}, #{row.kind}, #{row.size}, #{row.mtimeNs}, #{row.mode},"
        + " NULL, #{row.linkTarget}, #{row.contentHash}, #{row.indexedAt}, #{generation})"
        + " ON CONFLICT (conduit_id, parent, name) DO UPDATE SET kind = excluded.kind, size = excluded.size,"
        + " mtime_ns = excluded.mtime_ns, mode = excluded.mode, link_target = excluded.link_target,"
        + " content_hash = excluded.content_hash, indexed_at = excluded.indexed_at, generation = excluded.generation")
    void upsert(@Param("conduit") long conduit, @Param("parent") String parent, @Param("name") String name,
                @Param("row") EntryRow row, @Param("generation") long generation);

    @Delete("DELETE FROM baseline_entry WHERE conduit_id = #{conduit}")
    int forget(@Param("conduit") long conduit);

    @Delete("DELETE FROM baseline_entry WHERE conduit_id = #{conduit} AND parent = #{parent} AND name = #{name}")
    int delete(@Param("conduit") long conduit, @Param("parent") String parent, @Param("name") String name);
}
