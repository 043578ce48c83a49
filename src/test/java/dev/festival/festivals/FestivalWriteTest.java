package dev.festival.festivals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;


import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FestivalWriteTest {

    @Test
    void anonymousCreateIsRejectedWith401() {
        given().contentType(ContentType.JSON).body(FestivalSupport.body("Anon Fest"))
                .post("/api/festivals").then().statusCode(401)
                .body("errorCode", equalTo("ERR_2002"));
    }

    @Test
    void userCreateIsForbiddenWith403() {
        Fixtures.user().request().body(FestivalSupport.body("User Fest"))
                .post("/api/festivals").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
    }

    @Test
    void invalidBodyFromAUserIs400BeforeTheRoleCheck() {
        Fixtures.user().request().body(Map.of("name", "No dates"))
                .post("/api/festivals").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("location"))
                .body("details.fields.field", hasItem("startDate"));
    }

    @Test
    void organizerCreatesWithGeneratedSlugDefaultsAndUpperCaseCurrency() {
        Account org = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        Map<String, Object> body = FestivalSupport.body("Fête de la Musique " + word);
        body.put("currency", "eur");
        body.put("genres", java.util.List.of("Rock", "Électro"));
        org.request().body(body).post("/api/festivals").then().statusCode(201)
                .body("id", notNullValue())
                .body("slug", equalTo("fete-de-la-musique-" + word))
                .body("currency", equalTo("EUR"))
                .body("timezone", equalTo("Europe/Paris"))
                .body("maxCapacity", equalTo(10000))
                .body("currentAttendees", equalTo(0))
                .body("status", equalTo("DRAFT"))
                .body("isFeatured", equalTo(false))
                .body("genres", hasSize(2))
                .body("startDate", equalTo("2031-07-10T14:00:00Z"))
                .body("organizerId", equalTo(org.id().toString()))
                .body("organizer.id", equalTo(org.id().toString()))
                .body("organizer.email", equalTo(org.email()))
                .body("organizer.firstName", equalTo("Test"))
                .body("ticketCategories", hasSize(0))
                .body("createdAt", notNullValue())
                .body("description", nullValue());
    }

    @Test
    void sameNameTwiceGetsASuffixedSlug() {
        Account org = Fixtures.organizer();
        String name = "Twin " + FestivalSupport.uniqueWord();
        String first = org.request().body(FestivalSupport.body(name)).post("/api/festivals")
                .then().statusCode(201).extract().path("slug");
        org.request().body(FestivalSupport.body(name)).post("/api/festivals").then().statusCode(201)
                .body("slug", startsWith(first + "-"))
                .body("slug", not(equalTo(first)));
    }

    @Test
    void concurrentCreatesWithTheSameNameAllGetDistinctSlugs() throws Exception {
        Account org = Fixtures.organizer();
        String name = "Rush " + FestivalSupport.uniqueWord();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<String>> slugs = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                slugs.add(pool.submit(() -> org.request().body(FestivalSupport.body(name)).post("/api/festivals")
                        .then().statusCode(201).extract().<String>path("slug")));
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> f : slugs) {
                distinct.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(6, distinct.size(), distinct.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void currencyAndTimezoneAreValidated() {
        Map<String, Object> body = FestivalSupport.body("Bad money");
        body.put("currency", "EURO");
        body.put("timezone", "Mars/Olympus");
        Fixtures.organizer().request().body(body).post("/api/festivals").then().statusCode(400)
                .body("details.fields.field", hasItem("currency"))
                .body("details.fields.field", hasItem("timezone"));
    }

    @Test
    void endBeforeStartIs400NamingEndDate() {
        Map<String, Object> body = FestivalSupport.body("Backwards");
        body.put("startDate", "2031-07-12T10:00:00Z");
        body.put("endDate", "2031-07-10T10:00:00Z");
        Fixtures.organizer().request().body(body).post("/api/festivals").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields[0].field", equalTo("endDate"));
    }

    @Test
    void partialUpdateMovingEndBeforeStoredStartIs400() {
        Account org = Fixtures.organizer();
        String id = FestivalSupport.createDraft(org, "Shrink " + FestivalSupport.uniqueWord());
        org.request().body(Map.of("endDate", "2031-07-01T10:00:00Z")).patch("/api/festivals/" + id)
                .then().statusCode(400)
                .body("details.fields[0].field", equalTo("endDate"));
    }

    @Test
    void malformedJsonIs400() {
        Fixtures.organizer().request().body("{\"name\": ").post("/api/festivals").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4002"));
        Fixtures.organizer().request().body(Map.of("name", "Typed", "location", "Lyon", "startDate", "2031-07-10",
                        "endDate", "2031-07-11", "maxCapacity", "lots"))
                .post("/api/festivals").then().statusCode(400);
    }

    @Test
    void festivalEndpointsAreDocumentedInOpenApi() {
        given().get("/api/docs-json").then().statusCode(200)
                .body(containsString("/api/festivals/{id}/publish"))
                .body(containsString("/api/festivals/{id}/members/{userId}"))
                .body(containsString("/api/admin/festivals"))
                .body(containsString("Roles: ADMIN, ORGANIZER"));
    }

    @Test
    void aBodyWithUnknownFieldsIsAccepted() {
        Map<String, Object> body = FestivalSupport.body("Tolerant " + FestivalSupport.uniqueWord());
        body.put("userId", "whatever");
        body.put("festivalId", 42);
        body.put("somethingNew", Map.of("nested", true));
        Fixtures.organizer().request().body(body).post("/api/festivals").then().statusCode(201);
    }

    @Test
    void explicitSlugIsValidatedAndADuplicateIs409() {
        Account org = Fixtures.organizer();
        String slug = "my-" + FestivalSupport.uniqueWord();
        Map<String, Object> body = FestivalSupport.body("Explicit");
        body.put("slug", slug);
        org.request().body(body).post("/api/festivals").then().statusCode(201).body("slug", equalTo(slug));
        org.request().body(body).post("/api/festivals").then().statusCode(409)
                .body("errorCode", equalTo("ERR_5002"));
        body.put("slug", "Not a slug!");
        org.request().body(body).post("/api/festivals").then().statusCode(400)
                .body("details.fields[0].field", equalTo("slug"));
    }

    @Test
    void organizerCannotUpdateAnotherOrganizersFestivalButAdminCan() {
        Account a = Fixtures.organizer();
        Account b = Fixtures.organizer();
        String id = FestivalSupport.createDraft(b, "Owned by B " + FestivalSupport.uniqueWord());
        a.request().body(Map.of("name", "Hijacked")).put("/api/festivals/" + id).then().statusCode(403)
                .body("errorCode", equalTo("ERR_3003"));
        a.request().body(Map.of("name", "Hijacked")).patch("/api/festivals/" + id).then().statusCode(403);
        Fixtures.admin().request().body(Map.of("name", "Renamed by admin", "currency", "usd"))
                .put("/api/festivals/" + id).then().statusCode(200)
                .body("name", equalTo("Renamed by admin"))
                .body("currency", equalTo("USD"))
                .body("location", equalTo("Lyon"));
        b.request().body(Map.of("maxCapacity", 500)).patch("/api/festivals/" + id).then().statusCode(200)
                .body("maxCapacity", equalTo(500))
                .body("name", equalTo("Renamed by admin"));
    }

    @Test
    void onlyAdminDeletesAndADeletedFestivalIsGone() {
        Account owner = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        String id = FestivalSupport.createPublished(owner, "Doomed " + word);
        given().get("/api/festivals?search=" + word).then().statusCode(200).body("meta.total", equalTo(1));

        owner.request().delete("/api/festivals/" + id).then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        Account admin = Fixtures.admin();
        admin.request().delete("/api/festivals/" + id).then().statusCode(204);

        given().get("/api/festivals/" + id).then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
        given().get("/api/festivals?search=" + word).then().statusCode(200).body("meta.total", equalTo(0));
        admin.request().get("/api/admin/festivals?search=" + word).then().statusCode(200).body("meta.total", equalTo(0));
        admin.request().delete("/api/festivals/" + id).then().statusCode(404);
        owner.request().body(Map.of("name", "Zombie")).patch("/api/festivals/" + id).then().statusCode(404);
    }

    @Test
    void pathIdsThatAreNotUuidsAre404() {
        Account admin = Fixtures.admin();
        admin.request().body(Map.of("name", "x")).patch("/api/festivals/not-a-uuid").then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
        admin.request().post("/api/festivals/12345/publish").then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
        admin.request().get("/api/festivals/nope/members").then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
        admin.request().delete("/api/festivals/nope").then().statusCode(404);
        given().get("/api/festivals/no-such-slug-" + FestivalSupport.uniqueWord()).then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
    }

    @Test
    void statsAreForAdminAndOwnerOnly() {
        Account owner = Fixtures.organizer();
        String id = FestivalSupport.createDraft(owner, "Counted " + FestivalSupport.uniqueWord());
        owner.request().get("/api/festivals/" + id + "/stats").then().statusCode(200)
                .body("festivalId", equalTo(id))
                .body("ticketsSold", equalTo(0))
                .body("revenue", equalTo(0))
                .body("maxCapacity", equalTo(10000))
                .body("currentAttendees", equalTo(0))
                .body("wallet.totalTopups", equalTo(0));
        Fixtures.admin().request().get("/api/festivals/" + id + "/stats").then().statusCode(200);
        Fixtures.organizer().request().get("/api/festivals/" + id + "/stats").then().statusCode(403);
        Fixtures.user().request().get("/api/festivals/" + id + "/stats").then().statusCode(403);
    }

    @Test
    void featuredIsSetOnlyByAnAdmin() {
        Map<String, Object> body = FestivalSupport.body("Wannabe " + FestivalSupport.uniqueWord());
        body.put("isFeatured", true);
        Fixtures.organizer().request().body(body).post("/api/festivals").then().statusCode(201)
                .body("isFeatured", equalTo(false));
        Fixtures.admin().request().body(body).post("/api/festivals").then().statusCode(201)
                .body("isFeatured", equalTo(true));
    }

    @Test
    void localDatesAreReadInTheFestivalsTimezone() {
        Map<String, Object> body = FestivalSupport.body("Local " + FestivalSupport.uniqueWord());
        body.put("startDate", "2031-01-10T20:00:00");
        body.put("endDate", "2031-01-11");
        body.put("timezone", "america/new_york");
        Fixtures.organizer().request().body(body).post("/api/festivals").then().statusCode(201)
                .body("timezone", equalTo("America/New_York"))
                .body("startDate", equalTo("2031-01-11T01:00:00Z"))
                .body("endDate", containsString("2031-01-12T04:59:59"));
    }
}
