package dev.conduit.adapter.persistence;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface TrashMapper {

    /** A version about to be moved into the trash; {@link #lastId} gives its id. */
    @Insert("INSERT INTO trash_item (conduit_id, generation, side, path, original_at, kind, reason, size,"
            + " trashed_at, stored_at, state) VALUES (#{conduitId}, #{generation}, #{side}, #{path}, #{originalAt}, #{kind},"
            + " #{reason}, #{size}, #{trashedAt}, #{storedAt}, 'pending')")
    void insertPending(TrashRow row);

    /**
     * A version about to be moved into the trash by this library's agent for another host's conduit: of no conduit
     * here; nothing when its place is recorded already. {@link #changes} tells which.
     */
    @Insert("INSERT INTO trash_item (conduit_id, generation, side, path, original_at, kind, reason, size,"
            + " trashed_at, stored_at, state) VALUES (NULL, #{generation}, #{side}, #{path}, #{originalAt}, #{kind},"
            + " #{reason}, #{size}, #{trashedAt}, #{storedAt}, 'pending') ON CONFLICT (stored_at) DO NOTHING")
    void insertPendingOfNoConduit(TrashRow row);

    @Select("SELECT changes()")
    int changes();

    @Delete("DELETE FROM trash_item WHERE stored_at = #{storedAt}")
    void deleteStored(@Param("storedAt") String storedAt);

    @Select("SELECT last_insert_rowid()")
    long lastId();

    @Update("UPDATE trash_item SET state = 'stored' WHERE id = #{id}")
    void confirm(@Param("id") long id);

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item WHERE state = 'pending' ORDER BY id")
    List<TrashRow> pending();

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item WHERE state = 'stored'"
            + " ORDER BY trashed_at DESC, id DESC")
    List<TrashRow> all();

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item WHERE conduit_id = #{conduit} AND state = 'stored'"
            + " ORDER BY trashed_at DESC, id DESC")
    List<TrashRow> ofConduit(@Param("conduit") long conduit);

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item WHERE id = #{id} AND state = 'stored'")
    TrashRow find(@Param("id") long id);

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item WHERE trashed_at < #{before} AND state = 'stored'"
            + " ORDER BY trashed_at, id")
    List<TrashRow> before(@Param("before") long before);

    @Delete("DELETE FROM trash_item WHERE id = #{id}")
    void delete(@Param("id") long id);
}
