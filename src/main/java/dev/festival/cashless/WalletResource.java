package dev.festival.cashless;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The mobile app's alias of {@code /api/cashless}: the same endpoints at {@code /api/wallet}. */
@Path("/wallet")
@Authenticated
@Tag(name = "Wallet (alias of Cashless)", description = "The mobile app's paths for the cashless wallet")
public class WalletResource extends CashlessEndpoints {
}
