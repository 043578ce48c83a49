package dev.festival.payments;

import dev.festival.festivals.FestivalService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The two facts payments needs about a festival: its currency and when it starts (for the payer's
 * refund policy), asked of the festivals feature.
 */
@ApplicationScoped
public class FestivalFacts {
    public record Facts(UUID id, String currency, OffsetDateTime startDate) {
    }

    @Inject
    FestivalService festivals;

    /** 404 ERR_5001 when the festival does not exist or is deleted. */
    public Uni<Facts> require(UUID festivalId) {
        return festivals.require(festivalId).map(f -> new Facts(f.id(), f.currency().trim(), f.startDate()));
    }
}
