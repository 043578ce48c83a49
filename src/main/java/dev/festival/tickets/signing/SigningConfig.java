package dev.festival.tickets.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Ticket signing keys ({@code festival.tickets.signing.*}). */
@ConfigMapping(prefix = "festival.tickets.signing")
public interface SigningConfig {
    /**
     * Base64 AES key (16, 24 or 32 bytes) wrapping the festivals' private signing keys at rest
     * (AES-GCM). Unset: private keys are stored unwrapped — acceptable for development only.
     * Env: FESTIVAL_TICKETS_SIGNING_KEK.
     */
    Optional<String> kek();

    /**
     * How long a pod signs with the current key it cached before re-reading it, so that a rotation
     * made on another pod is picked up (payloads signed meanwhile still verify: retired keys do).
     */
    @WithDefault("60s")
    Duration currentKeyTtl();

    /**
     * How many verified QR payloads a pod remembers (exact text → claims), so that a payload presented
     * again (validate then scan, a re-scan, a second gate) is not verified again; 0 turns it off. Only
     * payloads whose signature checked enter; keys are never deleted and retired keys keep verifying, so
     * an entry stays true. Bounded: cleared when full.
     */
    @WithDefault("20000")
    int verifiedCacheSize();
}
