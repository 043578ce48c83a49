package dev.festival.tickets;

import dev.festival.tickets.signing.TicketSigner;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stands in for the Ed25519 signer (branch promos) until it is merged: a @DefaultBean, so the
 * real implementation replaces it automatically. Same contract: sign, and verify → claims or null.
 */
@DefaultBean
@ApplicationScoped
public class HmacTestSigner implements TicketSigner {
    private static final byte[] KEY = "test-only-ticket-key".getBytes(StandardCharsets.UTF_8);

    @Override
    public Uni<String> sign(TicketClaims c) {
        String body = String.join("|", c.ticketId().toString(), c.festivalId().toString(), c.categoryId().toString(),
                String.valueOf(c.revision()), String.valueOf(c.validFrom().getEpochSecond()),
                String.valueOf(c.validUntil().getEpochSecond()));
        String b = Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        return Uni.createFrom().item("T1." + b + "." + mac(b));
    }

    @Override
    public Uni<TicketClaims> verify(String payload) {
        try {
            String[] parts = payload.split("\\.");
            if (parts.length != 3 || !"T1".equals(parts[0])
                    || !MessageDigest.isEqual(mac(parts[1]).getBytes(), parts[2].getBytes())) {
                return Uni.createFrom().nullItem();
            }
            String[] f = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|");
            return Uni.createFrom().item(new TicketClaims(UUID.fromString(f[0]), UUID.fromString(f[1]),
                    UUID.fromString(f[2]), Integer.parseInt(f[3]), Instant.ofEpochSecond(Long.parseLong(f[4])),
                    Instant.ofEpochSecond(Long.parseLong(f[5]))));
        } catch (RuntimeException e) {
            return Uni.createFrom().nullItem();
        }
    }

    private static String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
