package dev.conduit.adapter.persistence;

import dev.conduit.application.port.out.LibraryWaits;
import dev.conduit.application.port.out.ScanLeases;
import java.nio.file.Path;

/**
 * Another process scanning a location, as a second {@code conduit sync} of a shared source would: {@code hold LIBRARY
 * ID} takes the location's scan lease, prints {@code scanning} and keeps it until its standard input ends.
 */
public final class ScanLeaseProbe {

    private ScanLeaseProbe() {}

    public static void main(String[] arguments) throws Exception {
        FileScanLeases leases = new FileScanLeases(new LibraryFolder(Path.of(arguments[1])), LibraryWaits.NONE);
        try (ScanLeases.Lease lease = leases.await(FileScanLeasesIT.location(Long.parseLong(arguments[2])))) {
            System.out.println("scanning");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
