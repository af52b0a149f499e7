package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    private static List<Appender<?>> appenders(Logger logger) {
        List<Appender<?>> found = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(found::add);
        return found;
    }

    @Test
    void logsAreOffWithNoAppenderUnlessALevelIsAskedFor() {
        LoggerContext context = new LoggerContext();

        LogSetup.configure(context, "");

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.OFF);
        assertThat(appenders(root)).isEmpty();
    }

    @Test
    void aLevelAskedForWritesToStderrWithThePattern() {
        LoggerContext context = new LoggerContext();

        LogSetup.configure(context, "info");

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(appenders(root)).singleElement().satisfies(appender -> {
            assertThat(appender.isStarted()).isTrue();
            assertThat(((ConsoleAppender<?>) appender).getTarget()).isEqualTo("System.err");
        });
    }

    @Test
    void aLevelThatIsNotOneIsOffAndConfiguringAgainReplacesTheAppender() {
        LoggerContext context = new LoggerContext();
        LogSetup.configure(context, "debug");

        LogSetup.configure(context, "chatty");

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.OFF);
        assertThat(appenders(root)).isEmpty();
    }

    @Test
    void logbackFindsItAsItsConfiguration() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel())
                .as("CONDUIT_LOG is not set where the tests run")
                .isEqualTo(Level.OFF);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .extracting(Object::toString)
                .noneMatch(status -> status.contains("logback.xml") || status.contains("BasicConfigurator"));
    }

    /** A context as logback makes it for the process (a bare one has no MDC, which an appender needs). */
    private static LoggerContext daemonContext() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return context;
    }

    @Test
    void aDaemonWritesConduitsLinesAndFrameworkWarningsToAFileInTheLibrary(@TempDir Path library) throws Exception {
        LoggerContext context = daemonContext();
        LogSetup.configure(context, "");

        LogSetup.daemonFile(context, library, ch.qos.logback.core.util.Duration.buildBySeconds(1));
        context.getLogger("dev.conduit.daemon").info("Synced docs (generation 3)");
        context.getLogger("dev.conduit.daemon").debug("not at info");
        context.getLogger("org.eclipse.jetty").info("framework chatter");
        context.getLogger("org.eclipse.jetty").warn("framework trouble");
        context.stop();

        String log = Files.readString(library.resolve(LogSetup.DAEMON_LOG));
        assertThat(log)
                .contains("INFO  dev.conduit.daemon - Synced docs (generation 3)")
                .contains("framework trouble")
                .doesNotContain("not at info")
                .doesNotContain("framework chatter");
        assertThat(appenders(context.getLogger(Logger.ROOT_LOGGER_NAME)))
                .as("nothing on stderr when CONDUIT_LOG is not set")
                .noneMatch(appender -> appender instanceof ConsoleAppender);
    }

    @Test
    void aLevelAskedForHoldsForTheDaemonsFileAndStderrAlike(@TempDir Path library) throws Exception {
        LoggerContext context = daemonContext();
        LogSetup.configure(context, "error");

        LogSetup.daemonFile(context, library, ch.qos.logback.core.util.Duration.buildBySeconds(1));
        context.getLogger("dev.conduit.daemon").info("Synced docs");
        context.getLogger("dev.conduit.daemon").error("the library broke");
        Level root = context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();
        context.stop();

        assertThat(root).isEqualTo(Level.ERROR);
        assertThat(Files.readString(library.resolve(LogSetup.DAEMON_LOG)))
                .contains("the library broke")
                .doesNotContain("Synced docs");
    }

    @Test
    void theDaemonsLogRotatesAndKeepsAFewFiles(@TempDir Path library) throws Exception {
        LoggerContext context = daemonContext();
        LogSetup.configure(context, "");
        LogSetup.daemonFile(context, library, ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
        Logger daemon = context.getLogger("dev.conduit.daemon");
        String line = "x".repeat(1023);

        for (int file = 0; file < LogSetup.DAEMON_LOGS_KEPT + 1; file++) {
            for (int i = 0; i < 11 * 1024; i++) {
                daemon.info(line);
            }
        }
        context.stop();

        try (var files = Files.list(library.resolve("logs"))) {
            List<Path> kept = files.toList();
            assertThat(kept).hasSize(LogSetup.DAEMON_LOGS_KEPT);
            assertThat(kept)
                    .allSatisfy(file ->
                            assertThat(Files.size(file)).isLessThan(LogSetup.DAEMON_LOG_SIZE.getSize() * 12 / 10));
        }
    }
}
