package dev.conduit.adapter.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RootCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "conduit " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + ", file names decoded as "
                    + System.getProperty("sun.jnu.encoding")
        };
    }
}
