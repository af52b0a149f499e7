package dev.conduit.application.port.out;

/**
 * The library as a sync uses it: the conduits and their locations, the index, the history of generations and their
 * jobs, the trash records, the locks, and (bidirectional) the baseline and the conflicts. One value, so that a use
 * case takes the library once instead of port by port.
 */
public record SyncLibrary(
        ConduitRepository conduits,
        LocationRepository locations,
        IndexStore indexes,
        SyncHistory history,
        JobLedger jobs,
        TrashLedger trash,
        SyncLocks locks,
        Baselines baselines,
        ConflictLog conflicts) {}
