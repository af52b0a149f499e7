package dev.conduit.application.port.out;

/**
 * Hears that a write to the library is waiting for another process's write to finish: a visible wait instead of a
 * silent one. Called at most once per wait, from the waiting thread.
 */
public interface LibraryWaits {

    LibraryWaits NONE = holder -> {};

    /** @param holder who holds the library's write lock, in words ("Conduit (pid 4242): conduit sync docs") */
    void waiting(String holder);

    /**
     * A scan waits for another scan of the same location to end, to read what it recorded instead of doing its work
     * again (ADR 0049). Called at most once per wait, from the waiting thread.
     *
     * @param root   the location's root
     * @param holder who scans it, in words ("held by pid 4242: conduit sync docs")
     */
    default void scanWaiting(String root, String holder) {}

    /**
     * A plan reads the index of a location another process is scanning as that scan has recorded it so far, rather
     * than wait for it (ADR 0050).
     *
     * @param root   the location's root
     * @param holder who scans it, in words ("held by pid 4242: conduit sync docs")
     */
    default void scanAsRecorded(String root, String holder) {}
}
