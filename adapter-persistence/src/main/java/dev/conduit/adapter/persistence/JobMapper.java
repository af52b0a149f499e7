package dev.conduit.adapter.persistence;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface JobMapper {

    /** A job's row with what its items came to. */
    record JobRow(
            long id,
            long conduitId,
            long generation,
            String kind,
            String direction,
            String state,
            long itemsDone,
            long itemsFailed,
            long bytes,
            long createdAt,
            Long startedAt,
            Long endedAt,
            Long resumes) {}

    /** A new job row; {@link #lastId} gives its id (the driver fetches no generated keys: ADR 0037). */
    @Insert("INSERT INTO job (conduit_id, generation, kind, direction, state, created_at, resumes)"
            + " VALUES (#{conduit}, #{generation}, #{kind}, #{direction}, 'queued', #{at}, #{resumes})")
    void queue(
            @Param("conduit") long conduit,
            @Param("generation") long generation,
            @Param("kind") String kind,
            @Param("direction") String direction,
            @Param("resumes") Long resumes,
            @Param("at") long at);

    @Select("SELECT last_insert_rowid()")
    long lastId();

    @Update("UPDATE job SET state = 'running', started_at = #{at} WHERE id = #{job} AND state = 'queued'")
    int start(@Param("job") long job, @Param("at") long at);

    @Select("SELECT COALESCE(MAX(seq), 0) FROM job_item WHERE job_id = #{job}")
    long lastItem(@Param("job") long job);

    /** One item of a job: bound as job, seq, op, path, bytes, state, reason. */
    String ITEM = "INSERT INTO job_item (job_id, seq, op, path, bytes, state, reason) VALUES (?, ?, ?, ?, ?, ?, ?)";

    @Update("UPDATE job SET state = #{state}, ended_at = #{at} WHERE id = #{job}")
    void close(@Param("job") long job, @Param("state") String state, @Param("at") long at);

    @Update("UPDATE job SET state = CASE state WHEN 'running' THEN 'failed' ELSE 'cancelled' END, ended_at = #{at}"
            + " WHERE conduit_id = #{conduit} AND state IN ('running', 'queued')")
    int closeInterrupted(@Param("conduit") long conduit, @Param("at") long at);

    @Select("SELECT j.id, j.conduit_id AS conduitId, j.generation, j.kind, j.direction, j.state,"
            + " (SELECT COUNT(*) FROM job_item i WHERE i.job_id = j.id AND i.state = 'done') AS itemsDone,"
            + " (SELECT COUNT(*) FROM job_item i WHERE i.job_id = j.id AND i.state = 'failed') AS itemsFailed,"
            + " (SELECT COALESCE(SUM(bytes), 0) FROM job_item i WHERE i.job_id = j.id) AS bytes,"
            + " j.created_at AS createdAt, j.started_at AS startedAt, j.ended_at AS endedAt, j.resumes"
            + " FROM job j WHERE j.conduit_id = #{conduit} AND j.generation = #{generation} ORDER BY j.id")
    List<JobRow> jobs(@Param("conduit") long conduit, @Param("generation") long generation);
}
