package dev.festival.tickets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;

import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The festival JSON lists up to five active categories, cheapest first, and sees a new one at once. */
@QuarkusTest
class FestivalTicketCategoriesTest {

    @Test
    void festivalDetailListsItsCheapestActiveCategoriesRightAfterTheyAreCreated() {
        Account owner = Fixtures.organizer();
        UUID festivalId = Fixtures.festival(owner);
        // read once so the public detail is cached without categories
        given().get("/api/festivals/" + festivalId).then().statusCode(200)
                .body("ticketCategories", hasSize(0));
        for (String price : new String[] {"80", "20.5", "45", "120", "35", "60"}) {
            TicketTestSupport.category(owner, festivalId, price, 100);
        }
        given().get("/api/festivals/" + festivalId).then().statusCode(200)
                .body("ticketCategories", hasSize(5))
                .body("ticketCategories.price", contains(20.5f, 35, 45, 60, 80));
        given().get("/api/festivals?search=" + festivalId).then().statusCode(200);
    }
}
