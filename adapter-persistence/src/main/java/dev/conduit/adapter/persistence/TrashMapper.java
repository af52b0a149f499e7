package dev.conduit.adapter.persistence;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

import java.util.List;

interface TrashMapper {

    @Insert("INSERT INTO trash_item (conduit_id, generation, side, path, original_at, kind, reason, size,"
        + " trashed_at, stored_at) VALUES (#{conduitId}, #{generation}, #{side}, #{path}, #{originalAt}, #{kind},"
        + " #{reason}, #{size}, #{trashedAt}, #{storedAt})")
    void insert(TrashRow row);

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item ORDER BY trashed_at DESC, id DESC")
    List<TrashRow> all();

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item WHERE conduit_id = #{conduit}"
        + " ORDER BY trashed_at DESC, id DESC")
    List<TrashRow> ofConduit(@Param("conduit") long conduit);

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item WHERE id = #{id}")
    TrashRow find(@Param("id") long id);

    @Select("SELECT " + TrashRow.COLUMNS + " FROM trash_item WHERE trashed_at < #{before} ORDER BY trashed_at, id")
    List<TrashRow> before(@Param("before") long before);

    @Delete("DELETE FROM trash_item WHERE id = #{id}")
    void delete(@Param("id") long id);
}
