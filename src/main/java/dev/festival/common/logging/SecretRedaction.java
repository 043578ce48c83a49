package dev.festival.common.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks the values of sensitive keys in any text that is about to be logged. */
public final class SecretRedaction {
    static final String MASK = "[REDACTED]";
    private static final String KEYS =
            "password|newPassword|currentPassword|confirmPassword|token|accessToken|refreshToken|access_token"
                    + "|refresh_token|cardNumber|authorization|cookie|set-cookie|secret|clientSecret|apiKey|x-api-key"
                    + "|plaintextKey|code_verifier";
    // key=value, key: value, "key":"value", key="value" (case-insensitive), where the value may be
    // "Bearer x" / "Basic x" (authorization headers); Bearer tokens anywhere
    private static final Pattern PAIR = Pattern.compile(
            "(?i)(\"?(?:[A-Za-z_-]*(?:" + KEYS + "))\"?\\s*[:=]\\s*)"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"|(?:bearer|basic)\\s+[^\\s,;}&\"]+|[^\\s,;}&]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    // a whole platform API key anywhere (its 12-character prefix alone is meant to be logged)
    private static final Pattern API_KEY = Pattern.compile("fst_[A-Za-z0-9_-]{40,}");

    private SecretRedaction() {
    }

    // Every key above contains one of these words (case-insensitively): a line without any of them
    // (most business log lines) skips the regexes, which cost more than the rest of a request's logging.
    private static final String[] TRIGGERS = {"password", "token", "card", "authorization", "cookie", "secret",
        "key", "bearer", "fst_", "verifier"};

    static boolean mayHoldSecret(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String t : TRIGGERS) {
            if (lower.contains(t)) {
                return true;
            }
        }
        return false;
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty() || !mayHoldSecret(text)) {
            return text;
        }
        Matcher m = PAIR.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            String masked = value.startsWith("\"") ? "\"" + MASK + "\"" : MASK;
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + masked));
        }
        m.appendTail(sb);
        String masked = BEARER.matcher(sb.toString()).replaceAll("$1" + MASK);
        return API_KEY.matcher(masked).replaceAll("fst_" + MASK);
    }
}
