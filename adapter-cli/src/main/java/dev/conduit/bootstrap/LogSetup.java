package dev.conduit.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The frameworks' logs, set up in code rather than from a {@code logback.xml}: Conduit talks to people through its own
 * output, and framework logs never reach them unless a developer chasing a bug sets {@code CONDUIT_LOG=debug} (or
 * info, warn...) to see them on stderr. Parsing an XML configuration cost every command a SAX parser and some 700
 * classes at start-up; with logs off (the default) no appender is even made. Found by logback through
 * {@code META-INF/services}; the configurations logback would try after it are not tried.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String VARIABLE = "CONDUIT_LOG";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, System.getProperty(VARIABLE, System.getenv().getOrDefault(VARIABLE, "")));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The root logger at {@code level} (off when empty or unknown), writing to stderr unless it is off. */
    static void configure(LoggerContext context, String level) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        Level wanted = Level.toLevel(level, Level.OFF);
        root.setLevel(wanted);
        if (wanted == Level.OFF) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        root.addAppender(stderr);
    }
}
