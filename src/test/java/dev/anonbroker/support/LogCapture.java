package dev.anonbroker.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Every log event of this JVM from {@link #start} until {@link #close}, with the root logger (and optionally the
 * broker's own {@code dev.anonbroker} loggers) turned up; closing restores the levels. The events stay readable
 * after closing.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root;
    private final Level rootLevel;
    private final Logger broker;
    private final Level brokerLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Level root, Level broker) {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        this.rootLevel = this.root.getLevel();
        this.broker = logging.getLogger("dev.anonbroker");
        this.brokerLevel = this.broker.getLevel();
        appender.start();
        this.root.addAppender(appender);
        this.root.setLevel(root);
        if (broker != null) {
            this.broker.setLevel(broker);
        }
    }

    /** Captures with the root logger at {@code rootLevel}. */
    public static LogCapture start(Level rootLevel) {
        return new LogCapture(rootLevel, null);
    }

    /** Captures with the root logger at {@code rootLevel} and {@code dev.anonbroker} at {@code brokerLevel}. */
    public static LogCapture start(Level rootLevel, Level brokerLevel) {
        return new LogCapture(rootLevel, brokerLevel);
    }

    /** The events captured so far, in order. */
    public List<ILoggingEvent> events() {
        return appender.list;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        broker.setLevel(brokerLevel);
    }
}
