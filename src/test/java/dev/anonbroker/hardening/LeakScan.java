package dev.anonbroker.hardening;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * What a log event could write: the message, its arguments (also those without a placeholder), its MDC, and every
 * message and frame of its exception chain.
 */
final class LeakScan {

    private LeakScan() {
    }

    static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                text.append('\n').append(argument);
            }
        }
        event.getMDCPropertyMap().forEach((key, value) -> text.append('\n').append(key).append('=').append(value));
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append('\n').append(cause.getClassName()).append(": ").append(cause.getMessage());
            for (StackTraceElementProxy frame : cause.getStackTraceElementProxyArray()) {
                text.append("\n\t").append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }
}
