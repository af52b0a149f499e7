package dev.conduit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
