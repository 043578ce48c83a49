package dev.festival.common.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Console/file log filter "redact-secrets": formats the message once, masks sensitive values
 * (passwords, tokens, card numbers, authorization and cookie headers, secrets), and lets it through.
 */
@LoggingFilter(name = "redact-secrets")
public final class RedactSecretsFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String redacted = SecretRedaction.redact(formatted);
        if (redacted != null && !redacted.equals(formatted)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        return true;
    }
}
