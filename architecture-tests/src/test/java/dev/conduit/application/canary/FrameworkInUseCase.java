package dev.conduit.application.canary;

import jakarta.inject.Inject;
import org.apache.ibatis.session.SqlSession;

/** Planted violation: a use case that knows its framework and its database. */
public final class FrameworkInUseCase {

    private final SqlSession session;

    @Inject
    public FrameworkInUseCase(SqlSession session) {
        this.session = session;
    }

    public Object session() {
        return session;
    }
}
