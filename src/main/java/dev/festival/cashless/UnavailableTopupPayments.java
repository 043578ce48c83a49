package dev.festival.cashless;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Stand-in until the payments core provides a {@link TopupPayments}: card top-ups answer 503 ERR_6002. */
@DefaultBean
@ApplicationScoped
public class UnavailableTopupPayments implements TopupPayments {
    @Override
    public Uni<IntentResult> createTopupIntent(UUID userId, UUID festivalId, long amountCents, String currency,
                                               String idempotencyKey) {
        return Uni.createFrom().failure(new ApiException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE,
                "Online top-up is not available right now"));
    }
}
