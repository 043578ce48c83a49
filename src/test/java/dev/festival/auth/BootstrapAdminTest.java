package dev.festival.auth;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.support.Fixtures;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BootstrapAdminTest {
    @Inject
    BootstrapAdmin bootstrap;

    @Test
    void ensuringTheAdminFromSeveralInstancesAtOnceCreatesItOnce() throws Exception {
        String email = Fixtures.uniqueEmail("boot");
        BootstrapAdmin.Settings settings = new BootstrapAdmin.Settings(email, "Bootstrap2026!");
        AuthResourceTest.concurrently(4, () -> {
            bootstrap.ensure(settings);
            return true;
        });
        assertEquals(1, count(email));
        AuthResourceTest.login(email, "Bootstrap2026!").then().statusCode(200)
                .body("user.role", equalTo("ADMIN"))
                .body("user.status", equalTo("ACTIVE"))
                .body("user.emailVerified", equalTo(true));
    }

    @Test
    void anExistingAccountIsLeftAsItIs() {
        Fixtures.Account user = Fixtures.user();
        bootstrap.ensure(new BootstrapAdmin.Settings(user.email(), "Another2026!"));
        AuthResourceTest.login(user.email(), "Another2026!").then().statusCode(401);
        AuthResourceTest.login(user.email(), user.password()).then().statusCode(200)
                .body("user.role", equalTo("USER"));
    }

    @Test
    void settingsAreBothOrNeitherAndThePasswordMustBeStrong() {
        assertEquals(Optional.empty(), BootstrapAdmin.settings(Optional.empty(), Optional.empty()));
        assertEquals(Optional.of(new BootstrapAdmin.Settings("root@x.test", "RootAdmin2026!")),
                BootstrapAdmin.settings(Optional.of(" Root@X.test "), Optional.of("RootAdmin2026!")));
        assertThrows(IllegalStateException.class,
                () -> BootstrapAdmin.settings(Optional.of("root@x.test"), Optional.empty()));
        assertThrows(IllegalStateException.class,
                () -> BootstrapAdmin.settings(Optional.empty(), Optional.of("RootAdmin2026!")));
        assertThrows(IllegalStateException.class,
                () -> BootstrapAdmin.settings(Optional.of("not-an-email"), Optional.of("RootAdmin2026!")));
        IllegalStateException weak = assertThrows(IllegalStateException.class,
                () -> BootstrapAdmin.settings(Optional.of("root@x.test"), Optional.of("password")));
        assertTrue(weak.getMessage().contains("too weak") && weak.getMessage().contains("uppercase"),
                weak.getMessage());
    }

    private static int count(String email) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery("SELECT count(*) FROM users WHERE email = $1").execute(Tuple.of(email))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getInteger(0);
    }
}
