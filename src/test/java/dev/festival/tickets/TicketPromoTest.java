package dev.festival.tickets;

import static dev.festival.tickets.TicketTestSupport.category;
import static dev.festival.tickets.TicketTestSupport.counters;
import static dev.festival.tickets.TicketTestSupport.runningFestival;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.festival.payments.StripeMock;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class TicketPromoTest {

    private static void promo(Account org, UUID festival, String code, String type, Object value, int maxUses) {
        org.request().body(Map.of("festivalId", festival.toString(), "code", code, "discountType", type,
                "discountValue", value, "maxUses", maxUses)).post("/api/promo-codes").then().statusCode(201);
    }

    private static Response buy(Account buyer, UUID festival, UUID category, int quantity, String code) {
        return buyer.request().body(Map.of("festivalId", festival.toString(), "categoryId", category.toString(),
                "quantity", quantity, "promoCode", code)).post("/api/tickets/purchase");
    }

    @Test
    void aPromoCodeDiscountsTheOrderAndItsLastUseIsCountedOnce() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "20", 10);
        String code = "TK" + Long.toString(System.nanoTime(), 36).toUpperCase();
        promo(org, festival, code, "FIXED_AMOUNT", 5, 1);
        buy(Fixtures.user(), festival, category, 2, code).then().statusCode(201)
                .body("order.subtotal", equalTo(40)).body("order.discount", equalTo(5))
                .body("order.total", equalTo(35)).body("order.promoCode", equalTo(code))
                .body("tickets[0].purchasePrice", equalTo(17.5f));
        assertArrayEquals(new int[] {0, 2}, counters(category));
        // used up: refused, and the quota is untouched
        buy(Fixtures.user(), festival, category, 1, code).then().statusCode(400);
        assertArrayEquals(new int[] {0, 2}, counters(category));
    }

    @Test
    void aHundredPercentCodeIssuesTicketsAtOnce() {
        Account org = Fixtures.organizer();
        UUID festival = runningFestival(org);
        UUID category = category(org, festival, "20", 10);
        String code = "FREE" + Long.toString(System.nanoTime(), 36).toUpperCase();
        promo(org, festival, code, "PERCENTAGE", 100, 5);
        buy(Fixtures.user(), festival, category, 2, code).then().statusCode(201)
                .body("order.total", equalTo(0)).body("order.status", equalTo("PAID"))
                .body("tickets[0].status", equalTo("SOLD")).body("payment", nullValue());
        assertArrayEquals(new int[] {2, 0}, counters(category));
    }
}
