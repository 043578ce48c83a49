package dev.festival.festivals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FestivalReadAndLifecycleTest {

    @Test
    void aFestivalIsFoundByIdBySlugAndBySlugPath() {
        Account org = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        String id = FestivalSupport.createPublished(org, "Looked Up " + word);
        String slug = "looked-up-" + word;
        given().get("/api/festivals/" + id).then().statusCode(200).body("slug", equalTo(slug));
        given().get("/api/festivals/" + slug).then().statusCode(200).body("id", equalTo(id));
        given().get("/api/festivals/by-slug/" + slug).then().statusCode(200).body("id", equalTo(id))
                .body("organizer.id", equalTo(org.id().toString()));
        given().get("/api/festivals/by-slug/" + id).then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
    }

    @Test
    void aDraftIsVisibleOnlyToItsOrg() {
        Account owner = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        String id = FestivalSupport.createDraft(owner, "Secret " + word);
        given().get("/api/festivals/" + id).then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
        given().get("/api/festivals/by-slug/secret-" + word).then().statusCode(404);
        Fixtures.user().request().get("/api/festivals/" + id).then().statusCode(404);
        Fixtures.organizer().request().get("/api/festivals/" + id).then().statusCode(404);
        owner.request().get("/api/festivals/" + id).then().statusCode(200).body("status", equalTo("DRAFT"));
        owner.request().get("/api/festivals/secret-" + word).then().statusCode(200);
        Fixtures.admin().request().get("/api/festivals/" + id).then().statusCode(200);
        // an unusable token on a public read counts as anonymous
        given().header("Authorization", "Bearer not.a.jwt").get("/api/festivals/" + id).then().statusCode(404);
    }

    @Test
    void publishUnpublishAndCancelFollowTheLifecycle() {
        Account owner = Fixtures.organizer();
        String id = FestivalSupport.createDraft(owner, "Cycle " + FestivalSupport.uniqueWord());
        String base = "/api/festivals/" + id;

        owner.request().post(base + "/unpublish").then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        owner.request().post(base + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        owner.request().post(base + "/publish").then().statusCode(409).body("errorCode", equalTo("ERR_5009"))
                .body("details.status", equalTo("PUBLISHED"));
        owner.request().post(base + "/unpublish").then().statusCode(200).body("status", equalTo("DRAFT"));
        owner.request().post(base + "/publish").then().statusCode(200);
        owner.request().post(base + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        owner.request().post(base + "/cancel").then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
        owner.request().post(base + "/publish").then().statusCode(409);
        // a status change through update obeys the same rules
        owner.request().body(Map.of("status", "published")).patch(base).then().statusCode(409)
                .body("errorCode", equalTo("ERR_5009"));
        given().get(base).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void onlyAdminOrOwnerChangesTheStatus() {
        Account owner = Fixtures.organizer();
        String id = FestivalSupport.createDraft(owner, "Guarded " + FestivalSupport.uniqueWord());
        Fixtures.organizer().request().post("/api/festivals/" + id + "/publish").then().statusCode(403);
        Fixtures.user().request().post("/api/festivals/" + id + "/publish").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
        given().post("/api/festivals/" + id + "/publish").then().statusCode(401);
        Fixtures.admin().request().post("/api/festivals/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
    }

    @Test
    void publicReadsAreServedFromTheCacheUntilAFestivalWrite() {
        Account owner = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        String id = FestivalSupport.createPublished(owner, "Memo " + word);
        given().get("/api/festivals/" + id).then().statusCode(200).body("name", equalTo("Memo " + word));
        // a change behind the service's back is not seen: the answer comes from Redis
        Fixtures.sql("UPDATE festivals SET location = 'Behind the back' WHERE id = $1",
                Tuple.of(java.util.UUID.fromString(id)));
        given().get("/api/festivals/" + id).then().statusCode(200).body("location", equalTo("Lyon"));
        // any festival write invalidates every cached entry
        FestivalSupport.createDraft(owner, "Unrelated " + word);
        given().get("/api/festivals/" + id).then().statusCode(200).body("location", equalTo("Behind the back"));
    }

    @Test
    void aChangeIsVisibleImmediatelyDespiteTheCache() {
        Account owner = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        String id = FestivalSupport.createPublished(owner, "Cached " + word);
        String list = "/api/festivals?search=" + word;

        // warm both caches
        given().get(list).then().statusCode(200).body("data.name", contains("Cached " + word));
        given().get("/api/festivals/" + id).then().statusCode(200).body("name", equalTo("Cached " + word));
        given().get("/api/festivals/" + id).then().statusCode(200).body("name", equalTo("Cached " + word));

        owner.request().body(Map.of("name", "Renamed " + word)).patch("/api/festivals/" + id).then().statusCode(200);
        given().get(list).then().statusCode(200).body("data.name", contains("Renamed " + word));
        given().get("/api/festivals/" + id).then().statusCode(200).body("name", equalTo("Renamed " + word));

        owner.request().post("/api/festivals/" + id + "/unpublish").then().statusCode(200);
        given().get(list).then().statusCode(200).body("meta.total", equalTo(0));
        given().get("/api/festivals/" + id).then().statusCode(404);

        owner.request().post("/api/festivals/" + id + "/publish").then().statusCode(200);
        given().get("/api/festivals/" + id).then().statusCode(200);
        // a newly created festival shows up in a list that was cached before it existed
        String second = FestivalSupport.createPublished(owner, "Second " + word);
        given().get(list).then().statusCode(200).body("meta.total", equalTo(2))
                .body("data.id", org.hamcrest.Matchers.hasItem(second));
    }
}
