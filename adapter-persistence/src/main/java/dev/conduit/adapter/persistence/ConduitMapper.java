package dev.conduit.adapter.persistence;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface ConduitMapper {

    @Select("SELECT " + ConduitRow.COLUMNS + " FROM conduit WHERE id = #{id}")
    ConduitRow findById(@Param("id") long id);

    @Select("SELECT " + ConduitRow.COLUMNS + " FROM conduit WHERE name = #{name}")
    ConduitRow findByName(@Param("name") String name);

    @Select("SELECT " + ConduitRow.COLUMNS + " FROM conduit ORDER BY id")
    List<ConduitRow> findAll();

    @Insert("INSERT INTO conduit (name, source_root, source_device, source_file_key, target_root, target_device,"
            + " target_file_key, mode, schedule, conflict_policy, delete_policy, ignore_patterns, read_ignore_files,"
            + " parallel, bandwidth_limit, enabled, paused_because, created_at, source_host, target_host, ssh_command,"
            + " remote_conduit)"
            + " VALUES (#{row.name}, #{row.sourceRoot}, #{row.sourceDevice}, #{row.sourceFileKey}, #{row.targetRoot},"
            + " #{row.targetDevice}, #{row.targetFileKey}, #{row.mode}, #{row.schedule}, #{row.conflictPolicy},"
            + " #{row.deletePolicy}, #{row.ignorePatterns}, #{row.readIgnoreFiles}, #{row.parallel},"
            + " #{row.bandwidthLimit}, #{row.enabled}, #{row.pausedBecause}, #{createdAt}, #{row.sourceHost},"
            + " #{row.targetHost}, #{row.sshCommand}, #{row.remoteConduit}) ON CONFLICT DO NOTHING")
    int insert(@Param("row") ConduitRow row, @Param("createdAt") long createdAt);

    @Select("SELECT last_insert_rowid()")
    long lastId();

    @Update("UPDATE conduit SET name = #{name}, source_root = #{sourceRoot}, source_device = #{sourceDevice},"
            + " source_file_key = #{sourceFileKey}, target_root = #{targetRoot}, target_device = #{targetDevice},"
            + " target_file_key = #{targetFileKey}, mode = #{mode}, schedule = #{schedule},"
            + " conflict_policy = #{conflictPolicy}, delete_policy = #{deletePolicy},"
            + " ignore_patterns = #{ignorePatterns}, read_ignore_files = #{readIgnoreFiles}, parallel = #{parallel},"
            + " bandwidth_limit = #{bandwidthLimit}, enabled = #{enabled}, paused_because = #{pausedBecause},"
            + " source_host = #{sourceHost}, target_host = #{targetHost}, ssh_command = #{sshCommand},"
            + " remote_conduit = #{remoteConduit} WHERE id = #{id}")
    void update(ConduitRow row);

    @Update("UPDATE conduit SET stop_requested_at = #{at} WHERE id = #{id}")
    void stopRequest(@Param("id") long id, @Param("at") Long at);

    @Select("SELECT stop_requested_at IS NOT NULL FROM conduit WHERE id = #{id}")
    Boolean stopRequested(@Param("id") long id);

    @Delete("DELETE FROM conduit WHERE id = #{id}")
    void delete(@Param("id") long id);
}
