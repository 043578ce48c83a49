package dev.festival.cashless;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API.md "Cashless" at {@code /api/cashless}. */
@Path("/cashless")
@Authenticated
@Tag(name = "Cashless", description = "Wallets, payments at bars, top-ups, refunds, NFC wristbands")
public class CashlessResource extends CashlessEndpoints {
}
