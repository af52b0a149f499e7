package dev.conduit.adapter.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code conduit --version} prints. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return lines();
    }

    /** This build's version: the jar's, or {@code (development build)} when run from classes. */
    public static String version() {
        String version = RootCommand.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    /** The lines, without building a command line: {@code --version} alone starts nothing else (issue 13). */
    public static String[] lines() {
        return new String[] {
            "conduit " + version(),
            "Java " + System.getProperty("java.version") + ", file names decoded as "
                    + System.getProperty("sun.jnu.encoding")
        };
    }
}
