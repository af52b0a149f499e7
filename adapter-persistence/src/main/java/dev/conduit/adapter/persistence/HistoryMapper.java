package dev.conduit.adapter.persistence;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface HistoryMapper {

    @Select("SELECT COALESCE(MAX(number), 0) + 1 FROM sync_generation WHERE conduit_id = #{conduit}")
    long nextNumber(@Param("conduit") long conduit);

    @Insert("INSERT INTO sync_generation (conduit_id, number, started_at, verification, resumed_from)"
            + " VALUES (#{conduit}, #{number}, #{startedAt}, 'pending', #{resumedFrom})")
    void begin(
            @Param("conduit") long conduit,
            @Param("number") long number,
            @Param("startedAt") long startedAt,
            @Param("resumedFrom") Long resumedFrom);

    /** The conduit's last generation, if it was stopped before its end: killed, or paused. */
    @Select("SELECT number FROM sync_generation WHERE conduit_id = #{conduit}"
            + " AND verification IN ('failed:interrupted', 'failed:paused')"
            + " AND number = (SELECT MAX(number) FROM sync_generation WHERE conduit_id = #{conduit})")
    Long lastStopped(@Param("conduit") long conduit);

    @Update("UPDATE sync_generation SET verification = 'failed:interrupted', phase = NULL"
            + " WHERE conduit_id = #{conduit} AND verification = 'pending'")
    int closeInterrupted(@Param("conduit") long conduit);

    @Update("UPDATE sync_generation SET phase = #{p.phase}, files_done = #{p.filesDone},"
            + " files_total = #{p.filesTotal}, bytes_done = #{p.bytesDone}, bytes_total = #{p.bytesTotal},"
            + " bytes_per_second = #{p.bytesPerSecond}, current_path = #{p.current},"
            + " progress_at = #{at} WHERE conduit_id = #{conduit} AND number = #{number}")
    void progress(
            @Param("conduit") long conduit,
            @Param("number") long number,
            @Param("p") ProgressRow progress,
            @Param("at") long at);

    @Select("SELECT phase, files_done AS filesDone, files_total AS filesTotal, bytes_done AS bytesDone,"
            + " bytes_total AS bytesTotal, COALESCE(bytes_per_second, 0) AS bytesPerSecond,"
            + " COALESCE(current_path, '') AS current, progress_at AS progressAt FROM sync_generation"
            + " WHERE conduit_id = #{conduit} AND number = #{number} AND phase IS NOT NULL")
    ProgressRow progressOf(@Param("conduit") long conduit, @Param("number") long number);

    @Update("UPDATE sync_generation SET completed_at = #{at}, files_copied = #{c.filesCopied},"
            + " files_deleted = #{c.filesDeleted}, conflicts = #{c.conflicts}, bytes_transferred = #{c.bytesTransferred},"
            + " errors = #{c.errors}, verification = #{verification}, phase = NULL"
            + " WHERE conduit_id = #{conduit} AND number = #{number}")
    void finish(
            @Param("conduit") long conduit,
            @Param("number") long number,
            @Param("at") long at,
            @Param("c") dev.conduit.domain.generation.GenerationCounts counts,
            @Param("verification") String verification);

    @Update("UPDATE conduit SET total_syncs = total_syncs + 1,"
            + " files_synced = files_synced + #{c.filesCopied} + #{c.filesDeleted},"
            + " bytes_transferred = bytes_transferred + #{c.bytesTransferred}, last_completed_at = #{at},"
            + " last_error = #{error} WHERE id = #{conduit}")
    void addToTotals(
            @Param("conduit") long conduit,
            @Param("at") long at,
            @Param("c") dev.conduit.domain.generation.GenerationCounts counts,
            @Param("error") String error);

    @Select("SELECT " + GenerationRow.COLUMNS + " FROM sync_generation WHERE conduit_id = #{conduit}"
            + " ORDER BY number DESC LIMIT #{limit}")
    List<GenerationRow> generations(@Param("conduit") long conduit, @Param("limit") int limit);

    @Update("UPDATE sync_generation SET source_position = #{c.resolved.source},"
            + " target_position = #{c.resolved.target}, verified_source_position = #{c.verified.source},"
            + " verified_target_position = #{c.verified.target}, settings_fingerprint = #{c.settings}"
            + " WHERE conduit_id = #{conduit} AND number = #{number}")
    void checkpoint(
            @Param("conduit") long conduit,
            @Param("number") long number,
            @Param("c") dev.conduit.application.port.out.SyncHistory.Checkpoint checkpoint);

    /** The conduit's last generation and its checkpoint's columns (NULL where it recorded none). */
    @Select("SELECT " + GenerationRow.COLUMNS + ", source_position AS sourcePosition,"
            + " target_position AS targetPosition, verified_source_position AS verifiedSource,"
            + " verified_target_position AS verifiedTarget, settings_fingerprint AS settings"
            + " FROM sync_generation WHERE conduit_id = #{conduit} ORDER BY number DESC LIMIT 1")
    CheckpointRow last(@Param("conduit") long conduit);

    @Select("SELECT total_syncs AS syncs, files_synced AS filesSynced, bytes_transferred AS bytesTransferred,"
            + " last_completed_at AS lastCompletedAt, last_error AS lastError FROM conduit WHERE id = #{conduit}")
    TotalsRow totals(@Param("conduit") long conduit);

    @Select("SELECT COUNT(*) AS syncs, COALESCE(SUM(verification = 'verified'), 0) AS verified,"
            + " COALESCE(SUM(files_copied + files_deleted), 0) AS filesSynced,"
            + " COALESCE(SUM(bytes_transferred), 0) AS bytesTransferred, COALESCE(SUM(conflicts), 0) AS conflicts,"
            + " COALESCE(SUM(errors), 0) AS errors,"
            + " COALESCE(CAST(AVG(completed_at - started_at) AS INTEGER), 0) AS averageMillis FROM sync_generation"
            + " WHERE started_at >= #{since} AND verification NOT IN ('pending', 'failed:paused')")
    FinishedRow finishedSince(@Param("since") long since);

    record FinishedRow(
            long syncs,
            long verified,
            long filesSynced,
            long bytesTransferred,
            long conflicts,
            long errors,
            long averageMillis) {}

    record ProgressRow(
            String phase,
            long filesDone,
            long filesTotal,
            long bytesDone,
            long bytesTotal,
            long bytesPerSecond,
            String current,
            long progressAt) {}

    /** A generation and its checkpoint's columns. */
    record CheckpointRow(
            long conduitId,
            long number,
            long startedAt,
            Long completedAt,
            long filesCopied,
            long filesDeleted,
            long conflicts,
            long bytesTransferred,
            long errors,
            String verification,
            Long resumedFrom,
            Long sourcePosition,
            Long targetPosition,
            Long verifiedSource,
            Long verifiedTarget,
            String settings) {

        GenerationRow generation() {
            return new GenerationRow(
                    conduitId,
                    number,
                    startedAt,
                    completedAt,
                    filesCopied,
                    filesDeleted,
                    conflicts,
                    bytesTransferred,
                    errors,
                    verification,
                    resumedFrom);
        }

        io.vavr.control.Option<dev.conduit.application.port.out.SyncHistory.Checkpoint> checkpoint() {
            if (sourcePosition == null
                    || targetPosition == null
                    || verifiedSource == null
                    || verifiedTarget == null
                    || settings == null) {
                return io.vavr.control.Option.none();
            }
            return io.vavr.control.Option.some(new dev.conduit.application.port.out.SyncHistory.Checkpoint(
                    new dev.conduit.application.port.out.SyncHistory.Positions(sourcePosition, targetPosition),
                    new dev.conduit.application.port.out.SyncHistory.Positions(verifiedSource, verifiedTarget),
                    settings));
        }
    }

    record TotalsRow(long syncs, long filesSynced, long bytesTransferred, Long lastCompletedAt, String lastError) {}
}
