package dev.conduit.application.port.in;

/** Hears how a scan is going. Called on the scanning thread: keep it cheap. */
@FunctionalInterface
public interface IndexListener {

    IndexListener NONE = progress -> {};

    void progress(IndexProgress progress);

    /**
     * @param entriesSeen  entries examined so far (files, directories and links)
     * @param filesHashed  files whose content was read and hashed
     * @param bytesHashed  bytes read to hash them
     * @param currentPath  the directory being scanned
     */
    record IndexProgress(long entriesSeen, long filesHashed, long bytesHashed, String currentPath) {}
}
