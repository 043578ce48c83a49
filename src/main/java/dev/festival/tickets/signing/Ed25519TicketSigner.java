package dev.festival.tickets.signing;

import dev.festival.tickets.signing.TicketPayloads.Parsed;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TicketSigner} with per-festival Ed25519 keys; the payload format is documented on
 * {@link TicketPayloads}. Once the keys are cached, sign and verify are pure CPU (BouncyCastle: ~25–50 µs to
 * sign with the public key at hand, ~60–80 µs to verify against a pre-decoded point), done inline.
 * Verification was 40 % of a validation's CPU (bench/RESULTS.md), so verified payloads are remembered
 * ({@link SigningConfig#verifiedCacheSize}): the same text verifies the same way for ever.
 */
@ApplicationScoped
public class Ed25519TicketSigner implements TicketSigner {
    @Inject
    TicketKeyService keys;

    @Inject
    SigningConfig config;

    private final ConcurrentHashMap<String, TicketClaims> verified = new ConcurrentHashMap<>();

    @Override
    public Uni<String> sign(TicketClaims claims) {
        if (claims == null || claims.ticketId() == null || claims.festivalId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("ticketId and festivalId are required"));
        }
        return keys.signingKey(claims.festivalId()).map(k -> {
            byte[] input = TicketPayloads.signingInput(k.kid(), claims);
            return TicketPayloads.payload(input, Ed25519.sign(k.key(), k.rawPublicKey(), input));
        });
    }

    @Override
    public Uni<TicketClaims> verify(String payload) {
        TicketClaims known = payload == null ? null : verified.get(payload);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        Parsed p = TicketPayloads.parse(payload);
        if (p == null) {
            return Uni.createFrom().nullItem();
        }
        // a database failure while loading an unknown kid propagates: it is not a bad ticket
        return keys.verificationKey(p.kid()).map(k -> {
            if (k == null || !k.festivalId().equals(p.claims().festivalId())
                    || !Ed25519.verify(k.point(), p.signingInput(), p.signature())) {
                return null;
            }
            remember(payload, p.claims());
            return p.claims();
        });
    }

    private void remember(String payload, TicketClaims claims) {
        int max = config.verifiedCacheSize();
        if (max <= 0) {
            return;
        }
        if (verified.size() >= max) {
            verified.clear();
        }
        verified.put(payload, claims);
    }
}
