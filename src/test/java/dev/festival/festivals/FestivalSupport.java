package dev.festival.festivals;

import static org.hamcrest.Matchers.equalTo;

import dev.festival.support.Fixtures.Account;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Festival bodies and creation through the API, with unique names so tests never share state. */
final class FestivalSupport {
    private static final AtomicLong SEQ = new AtomicLong();

    private FestivalSupport() {
    }

    /** A word no other test uses, to search for exactly this test's festivals. */
    static String uniqueWord() {
        return "zq" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();
    }

    static Map<String, Object> body(String name) {
        Map<String, Object> b = new HashMap<>();
        b.put("name", name);
        b.put("location", "Lyon");
        b.put("startDate", "2031-07-10T16:00:00+02:00");
        b.put("endDate", "2031-07-12T23:00:00+02:00");
        return b;
    }

    /** Creates a DRAFT owned by {@code owner}; returns its id. */
    static String createDraft(Account owner, Map<String, Object> body) {
        return owner.request().body(body).post("/api/festivals").then().statusCode(201).extract().path("id");
    }

    static String createDraft(Account owner, String name) {
        return createDraft(owner, body(name));
    }

    static String createPublished(Account owner, Map<String, Object> body) {
        String id = createDraft(owner, body);
        owner.request().post("/api/festivals/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        return id;
    }

    static String createPublished(Account owner, String name) {
        return createPublished(owner, body(name));
    }
}
