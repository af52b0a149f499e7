package dev.conduit.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

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

    /** The daemon's log, in the library: {@code logs/daemon.log}, then {@code daemon.1.log} … as each fills. */
    static final String DAEMON_LOG = "logs/daemon.log";

    static final FileSize DAEMON_LOG_SIZE = FileSize.valueOf("10MB");
    static final int DAEMON_LOGS_KEPT = 5;

    /**
     * A daemon writes what it does to a rotating file in its library: Conduit's own lines at info, the frameworks'
     * warnings and errors; with {@code CONDUIT_LOG} set, its level, as on stderr. At most {@link
     * #DAEMON_LOGS_KEPT} files of {@link #DAEMON_LOG_SIZE} each are kept. The file is where a user looks when a
     * service started by systemd went quiet; a file that cannot be opened leaves the daemon running without it.
     */
    static void daemonFile(Path library) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        daemonFile(context, library, Duration.buildBySeconds(1));
    }

    /** The same, the file's size looked at no more often than {@code checkEvery}. */
    static void daemonFile(LoggerContext context, Path library, Duration checkEvery) {
        Path log = library.resolve(DAEMON_LOG);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("DAEMON");
        file.setFile(log.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(library.resolve("logs/daemon.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(DAEMON_LOGS_KEPT - 1);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(DAEMON_LOG_SIZE);
        trigger.setCheckIncrement(checkEvery);
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder);
        file.start();
        if (!file.isStarted()) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getLevel() == null || root.getLevel() == Level.OFF) { // no CONDUIT_LOG: nothing goes to stderr
            root.setLevel(Level.WARN);
            context.getLogger("dev.conduit").setLevel(Level.INFO);
        }
        root.addAppender(file);
    }
}
