package dev.conduit.adapter.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code conduit --version} prints. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return lines();
    }

    /** The lines, without building a command line: {@code --version} alone starts nothing else (issue 13). */
    public static String[] lines() {
        String version = RootCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "conduit " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + ", file names decoded as "
                    + System.getProperty("sun.jnu.encoding")
        };
    }
}
