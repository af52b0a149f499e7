package dev.conduit.application.service;

/** What a job of a sync does; {@link #stored()} is the value the job ledger keeps (unchanged since the first). */
enum JobKind {
    COPY("copy"),
    DELETE("delete");

    private final String stored;

    JobKind(String stored) {
        this.stored = stored;
    }

    String stored() {
        return stored;
    }
}
