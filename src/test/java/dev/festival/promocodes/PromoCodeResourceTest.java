package dev.festival.promocodes;

import static dev.festival.promocodes.PromoSupport.create;
import static dev.festival.promocodes.PromoSupport.fixed;
import static dev.festival.promocodes.PromoSupport.num;
import static dev.festival.promocodes.PromoSupport.percent;
import static dev.festival.promocodes.PromoSupport.uniqueCode;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PromoCodeResourceTest {

    private static Response validate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/promo-codes/validate");
    }

    @Test
    void organiserCreatesCodesOnBothRoutesStoredUpperCaseAndADuplicateIs409() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String code = uniqueCode("sum");
        Map<String, Object> body = percent(festival, code.toLowerCase(), 10);
        body.put("maxUses", 100);
        body.put("minAmount", 20.5);
        org.request().body(body).post("/api/promo-codes").then().statusCode(201)
                .body("code", equalTo(code.toUpperCase())).body("festivalId", equalTo(festival.toString()))
                .body("discountType", equalTo("PERCENTAGE")).body("discountValue", equalTo(10))
                .body("isActive", equalTo(true)).body("stackable", equalTo(false)).body("usedCount", equalTo(0))
                .body("remainingUses", equalTo(100)).body("minAmount", equalTo(20.5f))
                .body("createdBy", equalTo(org.id().toString()));

        // same code in another letter case on the nested route → 409
        Map<String, Object> again = fixed(festival, code.toUpperCase(), 5);
        again.remove("festivalId");
        org.request().body(again).post("/api/festivals/" + festival + "/promo-codes").then().statusCode(409)
                .body("errorCode", equalTo("ERR_5002"));
        // nested route, new code, festivalId omitted
        again.put("code", uniqueCode("NEST"));
        org.request().body(again).post("/api/festivals/" + festival + "/promo-codes").then().statusCode(201)
                .body("discountType", equalTo("FIXED_AMOUNT")).body("discountValue", equalTo(5))
                .body("festivalId", equalTo(festival.toString()));
        // body festivalId must equal the path's
        Map<String, Object> other = percent(UUID.randomUUID(), uniqueCode("X"), 5);
        org.request().body(other).post("/api/festivals/" + festival + "/promo-codes").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"));
        // the same code is fine in another festival
        UUID festival2 = Fixtures.festival(org);
        org.request().body(percent(festival2, code, 10)).post("/api/promo-codes").then().statusCode(201);

        org.request().get("/api/festivals/" + festival + "/promo-codes").then().statusCode(200)
                .body("data", hasSize(2)).body("meta.total", equalTo(2));
        org.request().queryParam("festivalId", festival.toString()).queryParam("isActive", "true")
                .get("/api/promo-codes").then().statusCode(200).body("data", hasSize(2))
                .body("data.code", hasItem(code.toUpperCase()));
        org.request().queryParam("festivalId", festival.toString()).queryParam("isActive", "false")
                .get("/api/promo-codes").then().statusCode(200).body("data", hasSize(0));
        org.request().queryParam("festivalId", festival.toString())
                .get("/api/promo-codes/code/" + code.toLowerCase()).then().statusCode(200)
                .body("code", equalTo(code.toUpperCase()));
    }

    @Test
    void invalidBodiesAre400BeforeAnyAccessDecision() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        Account stranger = Fixtures.organizer();
        stranger.request().body(percent(festival, uniqueCode("P"), 150)).post("/api/promo-codes").then()
                .statusCode(400).body("errorCode", equalTo("ERR_4001"))
                .body("details.fields[0].field", equalTo("discountValue"));
        Map<String, Object> noCode = percent(festival, "x", 10);
        noCode.remove("code");
        stranger.request().body(noCode).post("/api/promo-codes").then().statusCode(400)
                .body("details.fields[0].field", equalTo("code"));
        stranger.request().body(percent(festival, "bad code!", 10)).post("/api/promo-codes").then().statusCode(400);
        Map<String, Object> badType = percent(festival, uniqueCode("T"), 10);
        badType.put("discountType", "HALF_PRICE");
        stranger.request().body(badType).post("/api/promo-codes").then().statusCode(400)
                .body("details.fields[0].field", equalTo("discountType"));
        Map<String, Object> window = percent(festival, uniqueCode("W"), 10);
        window.put("validFrom", "2031-01-02T00:00:00Z");
        window.put("expiresAt", "2031-01-01T00:00:00Z");
        stranger.request().body(window).post("/api/promo-codes").then().statusCode(400);
        stranger.request().body(fixed(festival, uniqueCode("F"), 1.005)).post("/api/promo-codes").then().statusCode(400);
        Map<String, Object> noFestival = percent(festival, uniqueCode("N"), 10);
        noFestival.remove("festivalId");
        stranger.request().body(noFestival).post("/api/promo-codes").then().statusCode(400)
                .body("details.fields[0].field", equalTo("festivalId"));
        // and a valid body from the stranger is then 403
        stranger.request().body(percent(festival, uniqueCode("OK"), 10)).post("/api/promo-codes").then().statusCode(403);
    }

    @Test
    void organiserOfAnotherFestivalCannotSeeOrChangeTheCodes() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String id = create(org, percent(festival, uniqueCode("TEN"), 10));
        Account stranger = Fixtures.organizer();
        Account user = Fixtures.user();
        for (Account a : List.of(stranger, user)) {
            a.request().get("/api/promo-codes/" + id).then().statusCode(403);
            a.request().body(Map.of("discountValue", 50)).patch("/api/promo-codes/" + id).then().statusCode(403);
            a.request().delete("/api/promo-codes/" + id).then().statusCode(403);
            a.request().get("/api/promo-codes/" + id + "/stats").then().statusCode(403);
            a.request().queryParam("festivalId", festival.toString()).get("/api/promo-codes").then().statusCode(403);
            a.request().get("/api/festivals/" + festival + "/promo-codes").then().statusCode(403);
        }
        given().get("/api/promo-codes/" + id).then().statusCode(401);
        stranger.request().get("/api/promo-codes").then().statusCode(400).body("errorCode", equalTo("ERR_4003"));
        Fixtures.admin().request().get("/api/promo-codes").then().statusCode(200).body("data.size()", not(0));
        Fixtures.admin().request().get("/api/promo-codes/" + id).then().statusCode(200);
        // a co-organiser (ORGANIZER member) is org; a STAFF member is not
        Account co = Fixtures.user();
        Fixtures.member(festival, co, Role.ORGANIZER);
        co.request().get("/api/promo-codes/" + id).then().statusCode(200);
        Account staff = Fixtures.user();
        Fixtures.member(festival, staff, Role.STAFF);
        staff.request().get("/api/promo-codes/" + id).then().statusCode(403);
        org.request().get("/api/promo-codes/not-a-uuid").then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
        org.request().get("/api/promo-codes/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void patchIsPartialAndDeleteFreesTheCode() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String code = uniqueCode("PATCH");
        Map<String, Object> body = percent(festival, code, 10);
        body.put("maxUses", 5);
        String id = create(org, body);
        org.request().body(Map.of("discountValue", 25, "isActive", false, "stackable", true))
                .patch("/api/promo-codes/" + id).then().statusCode(200)
                .body("discountValue", equalTo(25)).body("isActive", equalTo(false)).body("stackable", equalTo(true))
                .body("maxUses", equalTo(5)).body("code", equalTo(code));
        org.request().body(Map.of("discountType", "FIXED_AMOUNT")).patch("/api/promo-codes/" + id).then()
                .statusCode(400).body("details.fields[0].field", equalTo("discountValue"));
        org.request().body(Map.of("discountType", "fixed_amount", "discountValue", 7.5))
                .patch("/api/promo-codes/" + id).then().statusCode(200)
                .body("discountType", equalTo("FIXED_AMOUNT")).body("discountValue", equalTo(7.5f));
        org.request().body(Map.of("maxUses", 0)).patch("/api/promo-codes/" + id).then().statusCode(400);

        org.request().delete("/api/promo-codes/" + id).then().statusCode(204);
        org.request().get("/api/promo-codes/" + id).then().statusCode(404);
        org.request().delete("/api/promo-codes/" + id).then().statusCode(404);
        create(org, percent(festival, code, 10));
    }

    @Test
    void validateComputesExactPricesAndAnswersValidFalseWithAReason() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String ten = uniqueCode("TEN");
        String tenId = create(org, percent(festival, ten, 10));
        Response ok = validate(Map.of("code", ten.toLowerCase(), "festivalId", festival.toString(), "amount", 49.99));
        ok.then().statusCode(200).body("valid", equalTo(true)).body("promoCode.id", equalTo(tenId))
                .body("promoCode.code", equalTo(ten)).body("promoCode.stackable", equalTo(false))
                .body("discountType", equalTo("PERCENTAGE")).body("discountValue", equalTo(10))
                .body("error", nullValue());
        assertEquals(0, new BigDecimal("5").compareTo(num(ok, "discountAmount")));
        assertEquals(0, new BigDecimal("44.99").compareTo(num(ok, "finalAmount")));
        assertEquals(0, new BigDecimal("44.99").compareTo(num(ok, "finalPrice")));
        // without an amount: valid, no prices
        validate(Map.of("code", ten, "festivalId", festival.toString())).then().statusCode(200)
                .body("valid", equalTo(true)).body("discountAmount", nullValue());

        String big = uniqueCode("BIG");
        create(org, fixed(festival, big, 10));
        Response capped = validate(Map.of("code", big, "festivalId", festival.toString(), "amount", 4.5));
        capped.then().body("valid", equalTo(true));
        assertEquals(0, new BigDecimal("4.5").compareTo(num(capped, "discountAmount")));
        assertEquals(0, BigDecimal.ZERO.compareTo(num(capped, "finalAmount")));

        String expired = uniqueCode("OLD");
        Map<String, Object> e = percent(festival, expired, 10);
        e.put("validFrom", OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).toString());
        e.put("expiresAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString());
        create(org, e);
        validate(Map.of("code", expired, "festivalId", festival.toString(), "amount", 10)).then().statusCode(200)
                .body("valid", equalTo(false)).body("reason", equalTo("expired")).body("error", notNullValue())
                .body("promoCode", nullValue()).body("discountAmount", equalTo(0)).body("finalAmount", equalTo(10));

        String future = uniqueCode("SOON");
        Map<String, Object> f = percent(festival, future, 10);
        f.put("validFrom", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString());
        create(org, f);
        validate(Map.of("code", future, "festivalId", festival.toString())).then()
                .body("valid", equalTo(false)).body("reason", equalTo("not_yet_valid"));

        String min = uniqueCode("MIN");
        Map<String, Object> m = percent(festival, min, 10);
        m.put("minAmount", 50);
        m.put("categoryIds", List.of(UUID.randomUUID().toString()));
        create(org, m);
        validate(Map.of("code", min, "festivalId", festival.toString(), "amount", 49.99)).then()
                .body("valid", equalTo(false)).body("reason", equalTo("min_amount"));
        validate(Map.of("code", min, "festivalId", festival.toString(), "amount", 60,
                "categoryId", UUID.randomUUID().toString())).then()
                .body("valid", equalTo(false)).body("reason", equalTo("not_applicable"));

        validate(Map.of("code", "NOPE" + UUID.randomUUID().toString().substring(0, 8), "festivalId",
                festival.toString())).then().statusCode(200).body("valid", equalTo(false))
                .body("reason", equalTo("unknown"));
        validate(Map.of("code", ten, "festivalId", UUID.randomUUID().toString())).then().statusCode(200)
                .body("valid", equalTo(false)).body("reason", equalTo("unknown"));
        validate(Map.of("code", "!!", "festivalId", festival.toString())).then().statusCode(200)
                .body("valid", equalTo(false));
        validate(Map.of("festivalId", festival.toString())).then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
        validate(Map.of("code", ten)).then().statusCode(400);
        validate(Map.of("code", ten, "festivalId", "nope")).then().statusCode(400);
        validate(Map.of("code", ten, "festivalId", festival.toString(), "amount", -1)).then().statusCode(400);
    }

    @Test
    void applyPricesForTheCallerAndRefusesToStackNonStackableCodes() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String solo = uniqueCode("SOLO");
        String soloId = create(org, percent(festival, solo, 20));
        Map<String, Object> s1 = fixed(festival, uniqueCode("STK"), 5);
        s1.put("stackable", true);
        String stack1 = create(org, s1);
        Map<String, Object> s2 = percent(festival, uniqueCode("STK"), 10);
        s2.put("stackable", true);
        create(org, s2);
        Account buyer = Fixtures.user();

        given().contentType(ContentType.JSON).body(Map.of("code", solo, "festivalId", festival.toString(), "amount", 100))
                .post("/api/promo-codes/apply").then().statusCode(401);
        Response r = buyer.request().body(Map.of("code", solo, "festivalId", festival.toString(), "amount", 100))
                .post("/api/promo-codes/apply");
        r.then().statusCode(200).body("valid", equalTo(true)).body("promoCode.id", equalTo(soloId));
        assertEquals(0, new BigDecimal("80").compareTo(num(r, "finalPrice")));
        buyer.request().body(Map.of("code", solo, "festivalId", festival.toString(), "amount", 100,
                        "appliedPromoCodeIds", List.of(stack1))).post("/api/promo-codes/apply").then()
                .statusCode(200).body("valid", equalTo(false)).body("reason", equalTo("not_stackable"));
        // re-applying the same code alone is not stacking
        buyer.request().body(Map.of("code", solo, "festivalId", festival.toString(), "amount", 100,
                        "appliedPromoCodeIds", List.of(soloId))).post("/api/promo-codes/apply").then()
                .body("valid", equalTo(true));
        buyer.request().body(Map.of("code", s2.get("code"), "festivalId", festival.toString(), "amount", 95,
                        "appliedPromoCodeIds", List.of(stack1))).post("/api/promo-codes/apply").then()
                .body("valid", equalTo(true)).body("finalAmount", equalTo(85.5f));
        buyer.request().body(Map.of("code", s2.get("code"), "festivalId", festival.toString(), "amount", 95,
                        "appliedPromoCodeIds", List.of(soloId))).post("/api/promo-codes/apply").then()
                .body("valid", equalTo(false)).body("reason", equalTo("not_stackable"));
        buyer.request().body(Map.of("code", solo, "festivalId", festival.toString()))
                .post("/api/promo-codes/apply").then().statusCode(400);
    }
}
