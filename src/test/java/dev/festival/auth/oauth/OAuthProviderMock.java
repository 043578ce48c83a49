package dev.festival.auth.oauth;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * WireMock standing in for Google and GitHub (their token and userinfo endpoints); Facebook is left
 * unconfigured, so it is listed disabled and its routes answer 404. Tests add their own stubs.
 */
public class OAuthProviderMock implements QuarkusTestResourceLifecycleManager {
    public static final String APP_URL = "http://app.festival.test";
    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    public static String base() {
        return "http://localhost:" + server.port();
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put("festival.oauth.app-url", APP_URL);
        config.put("festival.oauth.public-url", "http://api.festival.test");
        for (String p : new String[] {"google", "github"}) {
            String prefix = "festival.oauth.providers." + p + ".";
            config.put(prefix + "client-id", p + "-client");
            config.put(prefix + "client-secret", p + "-secret");
            config.put(prefix + "authorization-uri", base() + "/" + p + "/authorize");
            config.put(prefix + "token-uri", base() + "/" + p + "/token");
            config.put(prefix + "user-info-uri", base() + "/" + p + "/userinfo");
        }
        config.put("festival.oauth.providers.github.emails-uri", base() + "/github/emails");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
