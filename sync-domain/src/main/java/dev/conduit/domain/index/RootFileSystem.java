package dev.conduit.domain.index;

/**
 * The file system a location's root was on when it was probed, and what it can hold. A root found on another device
 * (another disk mounted there, a reformatted one) is probed again.
 *
 * @param device the device the root was on (see {@link RootIdentity#device()})
 */
public record RootFileSystem(String device, FileSystemTraits traits) {

    public RootFileSystem {
        if (device == null || traits == null) {
            throw new IllegalArgumentException("a device and traits are required");
        }
    }
}
