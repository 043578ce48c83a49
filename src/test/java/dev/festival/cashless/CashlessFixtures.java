package dev.festival.cashless;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import java.util.Map;
import java.util.UUID;

/** A festival with an owner and a cash desk, and wallets funded through the cash-desk API. */
final class CashlessFixtures {
    private CashlessFixtures() {
    }

    record Scene(Account organizer, UUID festivalId, Account cashier) {
    }

    static Scene scene() {
        Account organizer = Fixtures.organizer();
        UUID festivalId = Fixtures.festival(organizer);
        Account cashier = Fixtures.user();
        Fixtures.member(festivalId, cashier, Role.CASHIER);
        return new Scene(organizer, festivalId, cashier);
    }

    /** Creates the user's wallet and answers its id. */
    static UUID wallet(Account user) {
        String id = user.request().post("/api/cashless/account").then().extract().path("id");
        return UUID.fromString(id);
    }

    /** A cash-desk top-up of {@code amount} (decimal string) by the scene's cashier. */
    static void fund(Scene s, UUID accountId, String amount) {
        s.cashier().request()
                .body(Map.of("amount", new java.math.BigDecimal(amount), "festivalId", s.festivalId(),
                        "paymentMethod", "CASH", "accountId", accountId))
                .post("/api/cashless/topup").then().statusCode(201);
    }
}
