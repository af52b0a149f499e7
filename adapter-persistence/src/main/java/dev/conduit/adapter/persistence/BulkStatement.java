package dev.conduit.adapter.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;

/**
 * One statement run for many rows inside a MyBatis session's transaction: prepared once, its parameters bound by
 * hand. For the bulk writes of a sync (index entries, baseline entries, job items), where MyBatis's mapping of each
 * parameter cost as much CPU as SQLite's work and a dynamic multi-row INSERT more (docs/benchmarks.md). A failure is
 * explained by {@link LibraryErrors} like any other.
 *
 * @param <T> what one row is made from
 */
final class BulkStatement<T> implements AutoCloseable {

    private final PreparedStatement statement;
    private final Binder<T> binder;

    private BulkStatement(PreparedStatement statement, Binder<T> binder) {
        this.statement = statement;
        this.binder = binder;
    }

    static <T> BulkStatement<T> prepare(SqlSession session, String sql, Binder<T> binder) {
        try {
            return new BulkStatement<>(session.getConnection().prepareStatement(sql), binder);
        } catch (SQLException failure) {
            throw new PersistenceException(failure);
        }
    }

    /** Runs the statement for one row; returns how many rows it changed. */
    int run(T row) {
        try {
            binder.bind(statement, row);
            return statement.executeUpdate();
        } catch (SQLException failure) {
            throw new PersistenceException(failure);
        }
    }

    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException failure) {
            throw new PersistenceException(failure);
        }
    }

    /** Sets a statement's parameters from one row. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }
}
