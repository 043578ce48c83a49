package dev.festival.auth;

import dev.festival.common.events.BusinessEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Account emails (verification, password reset) through quarkus-mailer, written with the Qute
 * templates {@code templates/emails/<type>-<lang>.html|.txt} in the user's language (en, fr;
 * anything else gets {@link #DEFAULT_LANGUAGE}). Sending never holds up nor fails the request that
 * caused it (a forgot-password answer must not depend on it): a failure is logged and counted in
 * {@code festival_account_emails_failed_total}.
 */
@ApplicationScoped
public class AccountEmails {
    private static final Logger LOG = Logger.getLogger(AccountEmails.class);
    public static final List<String> LANGUAGES = List.of("fr", "en");
    public static final String DEFAULT_LANGUAGE = "fr";

    /** Whom an account email goes to. */
    public record Recipient(UUID userId, String email, String firstName, String language) {}

    public enum Type {
        VERIFY_EMAIL("verify-email", "/verify-email", Map.of(
                "en", "Confirm your email address", "fr", "Confirmez votre adresse e-mail")),
        PASSWORD_RESET("password-reset", "/reset-password", Map.of(
                "en", "Reset your password", "fr", "Réinitialisez votre mot de passe"));

        final String template;
        final String path;
        final Map<String, String> subjects;

        Type(String template, String path, Map<String, String> subjects) {
            this.template = template;
            this.path = path;
            this.subjects = subjects;
        }
    }

    @Inject
    ReactiveMailer mailer;

    @Inject
    Engine qute;

    @Inject
    AccountConfig config;

    @Inject
    BusinessEvents events;

    @Inject
    MeterRegistry registry;

    /** Renders and sends in the background; the link carries the plain token (only its hash is stored). */
    public void send(Type type, Recipient to, String token, Duration validFor) {
        String lang = language(to.language());
        String link = config.email().appUrl().replaceAll("/+$", "") + type.path + "?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        Map<String, Object> data = Map.of("firstName", to.firstName() == null ? "" : to.firstName(),
                "email", to.email(), "link", link, "validFor", humanDuration(validFor, lang));
        Mail mail;
        try {
            mail = Mail.withHtml(to.email(), type.subjects.get(lang), render(type, lang, "html", data))
                    .setText(render(type, lang, "txt", data));
        } catch (RuntimeException e) {
            failed(type, to, e);
            return;
        }
        mailer.send(mail).subscribe().with(
                ok -> events.record("email.sent", "type", type.template, "userId", to.userId(), "lang", lang),
                e -> failed(type, to, e));
    }

    /** A supported language for a stored or requested one; {@link #DEFAULT_LANGUAGE} otherwise. */
    public static String language(String requested) {
        if (requested == null) {
            return DEFAULT_LANGUAGE;
        }
        String l = requested.trim().toLowerCase(Locale.ROOT);
        if (l.length() > 2) {
            l = l.substring(0, 2);
        }
        return LANGUAGES.contains(l) ? l : DEFAULT_LANGUAGE;
    }

    /**
     * The language of a request: {@code ?lang=} if supported, else the first supported language of
     * {@code Accept-Language} (in the client's order), else {@link #DEFAULT_LANGUAGE}.
     */
    public static String fromRequest(String langParam, String acceptLanguage) {
        if (langParam != null && LANGUAGES.contains(langParam.trim().toLowerCase(Locale.ROOT))) {
            return langParam.trim().toLowerCase(Locale.ROOT);
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange();
                    String l = tag.length() >= 2 ? tag.substring(0, 2).toLowerCase(Locale.ROOT) : tag;
                    if (range.getWeight() > 0 && LANGUAGES.contains(l)) {
                        return l;
                    }
                }
            } catch (IllegalArgumentException e) {
                // a malformed header is ignored (tolerant reader)
            }
        }
        return DEFAULT_LANGUAGE;
    }

    private String render(Type type, String lang, String kind, Map<String, Object> data) {
        Template t = qute.getTemplate("emails/" + type.template + "-" + lang + "." + kind);
        if (t == null) {
            throw new IllegalStateException("missing email template " + type.template + "-" + lang + "." + kind);
        }
        return t.data(data).render();
    }

    private void failed(Type type, Recipient to, Throwable e) {
        LOG.warnf("account email not sent type=%s userId=%s: %s", type.template, to.userId(), e.toString());
        Counter.builder("festival.account.emails.failed").description("Account emails that could not be sent")
                .tag("type", type.template).register(registry).increment();
    }

    static String humanDuration(Duration d, String lang) {
        long hours = d.toHours();
        boolean fr = "fr".equals(lang);
        if (hours >= 1 && d.toMinutesPart() == 0) {
            return hours + (fr ? (hours == 1 ? " heure" : " heures") : (hours == 1 ? " hour" : " hours"));
        }
        long minutes = Math.max(1, d.toMinutes());
        return minutes + (fr ? " minutes" : (minutes == 1 ? " minute" : " minutes"));
    }
}
