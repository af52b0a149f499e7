package dev.conduit.domain.index;

/**
 * Which directory a root is: its device and file key (inode). A root that comes back with another identity was
 * replaced, for example by an empty mount point after a disk was unplugged.
 */
public record RootIdentity(String device, String fileKey) {

    public RootIdentity {
        if (device == null || fileKey == null) {
            throw new IllegalArgumentException("device and file key are required");
        }
    }
}
