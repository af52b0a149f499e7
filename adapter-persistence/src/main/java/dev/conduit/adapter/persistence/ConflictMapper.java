package dev.conduit.adapter.persistence;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface ConflictMapper {

    @Select("SELECT " + ConflictRow.COLUMNS + " FROM conflict WHERE conduit_id = #{conduit} AND state = 'pending'"
            + " ORDER BY id")
    List<ConflictRow> pending(@Param("conduit") long conduit);

    /** Static SQL, not a {@code <script>}: a script would load an XML parser into every command that opens the library. */
    @Select("SELECT " + ConflictRow.COLUMNS + " FROM conflict"
            + " WHERE (#{conduit,jdbcType=BIGINT} IS NULL OR conduit_id = #{conduit,jdbcType=BIGINT})"
            + " AND (#{settledToo} OR state = 'pending')"
            + " ORDER BY id DESC LIMIT #{limit}")
    List<ConflictRow> list(
            @Param("conduit") Long conduit, @Param("settledToo") boolean settledToo, @Param("limit") int limit);

    @Select("SELECT " + ConflictRow.COLUMNS + " FROM conflict WHERE id = #{id}")
    ConflictRow find(@Param("id") long id);

    @Select("SELECT COUNT(*) FROM conflict WHERE conduit_id = #{conduit} AND state = 'pending'")
    long countPending(@Param("conduit") long conduit);

    @Insert("INSERT INTO conflict (conduit_id, path, type, source_version, target_version, state, settlement,"
            + " detected_generation, detected_at, settled_generation, settled_at)"
            + " VALUES (#{conduit}, #{path}, #{type}, #{sourceVersion}, #{targetVersion}, #{state}, #{settlement},"
            + " #{generation}, #{at}, CASE WHEN #{state} = 'settled' THEN #{generation} END,"
            + " CASE WHEN #{state} = 'settled' THEN #{at} END)")
    void insert(
            @Param("conduit") long conduit,
            @Param("path") String path,
            @Param("type") String type,
            @Param("sourceVersion") String sourceVersion,
            @Param("targetVersion") String targetVersion,
            @Param("state") String state,
            @Param("settlement") String settlement,
            @Param("generation") long generation,
            @Param("at") long at);

    /** A pending conflict seen again with other versions: the answer given for the old ones no longer applies. */
    @Update("UPDATE conflict SET type = #{type}, source_version = #{sourceVersion}, target_version = #{targetVersion},"
            + " answer = NULL WHERE id = #{id}")
    void changed(
            @Param("id") long id,
            @Param("type") String type,
            @Param("sourceVersion") String sourceVersion,
            @Param("targetVersion") String targetVersion);

    @Update("UPDATE conflict SET state = 'settled', settlement = #{settlement}, settled_generation = #{generation},"
            + " settled_at = #{at} WHERE id = #{id}")
    void settle(
            @Param("id") long id,
            @Param("settlement") String settlement,
            @Param("generation") long generation,
            @Param("at") long at);

    @Update("UPDATE conflict SET answer = #{answer} WHERE id = #{id} AND state = 'pending'")
    int answer(@Param("id") long id, @Param("answer") String answer);
}
