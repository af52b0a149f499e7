package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How SQLite runs the queries an incremental sync makes per changed path (issue 13): each must seek to its part of
 * the index, never read every row of a location or a conduit's baseline.
 */
class QueryPlansIT {

    @TempDir
    Path folder;

    @Test
    void everythingBelowAFolderIsOneRangeOfTheIndexesInBothOrders() throws Exception {
        new MyBatisLocationRepository(new Library(new LibraryFolder(folder))).all(); // the schema, migrated

        for (String query : List.of(
                EntryMapper.BY_DIRECTORY_UNDER,
                EntryMapper.BY_DIRECTORY_UNDER_DESCENDING,
                BaselineMapper.BY_DIRECTORY_UNDER)) {
            assertThat(plan(query, 1L, "a/b"))
                    .as(query)
                    .containsExactly(
                            query.contains("baseline_entry")
                                    ? "SEARCH baseline_entry USING PRIMARY KEY (conduit_id=? AND parent>? AND parent<?)"
                                    : "SEARCH entry USING INDEX entry_by_parent (location_id=? AND parent>? AND parent<?)");
        }
    }

    @Test
    void aSliceLooksEachChangedPathUpByAKey() throws Exception {
        new MyBatisLocationRepository(new Library(new LibraryFolder(folder))).all(); // the schema, migrated

        assertThat(plan(MyBatisIndexStore.ENTRY_AT, 1L, "a/b"))
                .containsExactly("SEARCH entry USING INDEX sqlite_autoindex_entry_1 (location_id=? AND path=?)");
        assertThat(plan(MyBatisBaselines.ENTRY_AT, 1L, "a/b"))
                .as("not the conduit's whole baseline for each path")
                .containsExactly("SEARCH baseline_entry USING PRIMARY KEY (conduit_id=? AND parent=? AND name=?)");
    }

    /** The plan of a query bound with the id, then the folder for every other parameter. */
    private List<String> plan(String query, long id, String folder) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.folder.resolve("library.db"));
                PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + query)) {
            statement.setLong(1, id);
            for (int i = 2; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setString(i, folder);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
        }
        return steps;
    }
}
