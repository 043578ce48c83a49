package dev.festival.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code festival.account.*}: account security (issue 9, part A) — the per-request session check,
 * account emails (verification, password reset) and two-factor sign-in.
 */
@ConfigMapping(prefix = "festival.account")
public interface AccountConfig {
    SessionCheck sessionCheck();

    Email email();

    TwoFactor twoFactor();

    interface SessionCheck {
        /**
         * Every request with an access token asks whether its session is still live (Redis, else
         * PostgreSQL), so revoking a session stops its access tokens at once. Off only to measure it.
         */
        @WithDefault("true")
        boolean enabled();

        /** Longest wait for Redis before the check asks PostgreSQL instead. */
        @WithDefault("250ms")
        Duration redisTimeout();

        /**
         * How long a pod trusts a "live" answer without asking Redis again (0 = ask on every request).
         * A revocation evicts the answer at once on every pod through a Redis pub/sub message; this is
         * only the bound for a message lost while a pod's subscription was down.
         */
        @WithDefault("2s")
        Duration localTtl();
    }

    interface Email {
        /** Base URL of the web app; links in account emails point to {@code <app-url>/verify-email?token=…}. */
        @WithDefault("http://localhost:3000")
        String appUrl();

        /** Lifetime of an email verification link. */
        @WithDefault("24H")
        Duration verificationTtl();

        /** Lifetime of a password reset link. */
        @WithDefault("1H")
        Duration resetTtl();
    }

    interface TwoFactor {
        /**
         * When true, an ADMIN without two-factor authentication signs in with the rights of a USER
         * only (enough to set it up) until they enable it and sign in again.
         */
        @WithDefault("false")
        boolean requiredForAdmin();

        /** The issuer shown by authenticator apps (otpauth URL). */
        @WithDefault("Festival Platform")
        String issuer();

        /**
         * Base64 AES key sealing TOTP secrets at rest (AES-GCM); application.properties defaults it to
         * the ticket-signing KEK. Unset: secrets are stored plain (development only).
         */
        java.util.Optional<String> secretKek();
    }
}
