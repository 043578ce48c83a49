package dev.festival.auth.oauth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The three providers of API.md "Auth", with their public endpoints and how each tells a verified
 * email: Google (OpenID Connect userinfo, {@code email_verified}), GitHub ({@code /user/emails},
 * the primary verified address) and Facebook (the Graph API only returns a confirmed {@code email}).
 */
public enum OAuthProvider {
    GOOGLE("https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
            "https://openidconnect.googleapis.com/v1/userinfo", null, List.of("openid", "email", "profile")),
    GITHUB("https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token",
            "https://api.github.com/user", "https://api.github.com/user/emails", List.of("read:user", "user:email")),
    FACEBOOK("https://www.facebook.com/v19.0/dialog/oauth", "https://graph.facebook.com/v19.0/oauth/access_token",
            "https://graph.facebook.com/v19.0/me?fields=id,email,first_name,last_name,name",
            null, List.of("email", "public_profile"));

    /** What the platform needs from a provider's account. */
    public record Profile(String subject, String email, boolean emailVerified, String firstName, String lastName) {}

    final String authorizationUri;
    final String tokenUri;
    final String userInfoUri;
    final String emailsUri;
    final List<String> scopes;

    OAuthProvider(String authorizationUri, String tokenUri, String userInfoUri, String emailsUri, List<String> scopes) {
        this.authorizationUri = authorizationUri;
        this.tokenUri = tokenUri;
        this.userInfoUri = userInfoUri;
        this.emailsUri = emailsUri;
        this.scopes = scopes;
    }

    /** The name in paths and answers: google, github, facebook. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OAuthProvider parse(String name) {
        for (OAuthProvider p : values()) {
            if (p.key().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** The profile from the userinfo answer (and GitHub's address list, else null). */
    Profile profile(JsonObject user, JsonArray emails) {
        return switch (this) {
            case GOOGLE -> new Profile(user.getString("sub"), user.getString("email"),
                    Boolean.TRUE.equals(user.getValue("email_verified"))
                            || "true".equals(String.valueOf(user.getValue("email_verified"))),
                    user.getString("given_name"), user.getString("family_name"));
            case GITHUB -> {
                String email = null;
                if (emails != null) {
                    for (int i = 0; i < emails.size(); i++) {
                        JsonObject e = emails.getJsonObject(i);
                        if (e != null && e.getBoolean("verified", false) && (email == null || e.getBoolean("primary", false))) {
                            email = e.getString("email");
                        }
                    }
                }
                String[] name = split(user.getString("name"), user.getString("login"));
                yield new Profile(String.valueOf(user.getValue("id")), email, email != null, name[0], name[1]);
            }
            case FACEBOOK -> new Profile(user.getString("id"), user.getString("email"), user.getString("email") != null,
                    user.getString("first_name"), user.getString("last_name"));
        };
    }

    private static String[] split(String fullName, String fallback) {
        String n = fullName == null || fullName.isBlank() ? fallback : fullName.trim();
        if (n == null || n.isBlank()) {
            return new String[] {null, null};
        }
        int space = n.lastIndexOf(' ');
        return space < 0 ? new String[] {n, null} : new String[] {n.substring(0, space), n.substring(space + 1)};
    }
}
