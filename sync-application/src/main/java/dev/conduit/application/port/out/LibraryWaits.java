package dev.conduit.application.port.out;

/**
 * Hears that a write to the library is waiting for another process's write to finish: a visible wait instead of a
 * silent one. Called at most once per wait, from the waiting thread.
 */
public interface LibraryWaits {

    LibraryWaits NONE = holder -> {};

    /** @param holder who holds the library's write lock, in words ("Conduit (pid 4242): conduit sync docs") */
    void waiting(String holder);
}
