package dev.festival.auth;

import static org.hamcrest.Matchers.equalTo;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** festival.account.two-factor.required-for-admin: an ADMIN has ADMIN rights only with two-factor on. */
@QuarkusTest
@TestProfile(AdminTwoFactorRequiredTest.Required.class)
class AdminTwoFactorRequiredTest {
    public static class Required implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("festival.account.two-factor.required-for-admin", "true");
        }
    }

    @Test
    void anAdminWithoutTwoFactorSignsInWithUserRightsUntilItIsEnabled() throws Exception {
        Fixtures.Account admin = Fixtures.admin();
        admin.request().get("/api/users").then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        admin.request().get("/api/auth/me").then().statusCode(200).body("role", equalTo("ADMIN"));

        String secret = TwoFactorTest.enable(admin).getKey();
        Fixtures.Account again = new Fixtures.Account(admin.id(), admin.email(), admin.password(), Role.ADMIN,
                TwoFactorTest.login(admin.email(), TwoFactorTest.totp(secret, TwoFactorTest.nowStep() + 1))
                        .then().statusCode(200).extract().path("accessToken"), null);
        again.request().get("/api/users").then().statusCode(200);
    }
}
