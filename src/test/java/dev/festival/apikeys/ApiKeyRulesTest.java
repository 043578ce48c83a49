package dev.festival.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.security.ApiKeyGrant;
import dev.festival.common.security.ApiKeyGrant.Scope;
import dev.festival.common.security.Role;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure rules of API keys: format, scopes by method, allow-lists, refusals. */
class ApiKeyRulesTest {
    private static ApiKeyGrant grant(Scope... scopes) {
        return new ApiKeyGrant(UUID.randomUUID(), UUID.randomUUID(), Set.of(scopes), null, "FREE");
    }

    @Test
    void keysAreRandomWellFormedAndHashedToHex() {
        String a = ApiKeyService.newKey();
        String b = ApiKeyService.newKey();
        assertNotEquals(a, b);
        assertTrue(ApiKeyService.wellFormed(a), a);
        assertEquals(47, a.length());
        assertFalse(ApiKeyService.wellFormed("fst_short"));
        assertFalse(ApiKeyService.wellFormed(a.replace("fst_", "sk_l")));
        assertTrue(ApiKeyService.hash(a).matches("[0-9a-f]{64}"));
        assertEquals(ApiKeyService.hash(a), ApiKeyService.hash(a));
    }

    @Test
    void scopesAllowTheirMethodsOnly() {
        ApiKeyGrant read = grant(Scope.READ);
        assertTrue(read.allowsMethod("GET"));
        assertTrue(read.allowsMethod("HEAD"));
        assertFalse(read.allowsMethod("POST"));
        assertFalse(read.allowsMethod("DELETE"));
        ApiKeyGrant write = grant(Scope.WRITE);
        assertTrue(write.allowsMethod("POST") && write.allowsMethod("PUT") && write.allowsMethod("PATCH"));
        assertFalse(write.allowsMethod("GET"));
        assertFalse(write.allowsMethod("DELETE"));
        assertTrue(grant(Scope.DELETE).allowsMethod("DELETE"));
        ApiKeyGrant admin = grant(Scope.ADMIN);
        for (String m : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            assertTrue(admin.allowsMethod(m), m);
        }
        assertEquals(Scope.WRITE, ApiKeyGrant.scopeFor("PATCH"));
        assertEquals(Scope.READ, ApiKeyGrant.scopeFor("get"));
        assertEquals(Scope.READ, Scope.parse(" read "));
    }

    @Test
    void allowListsTakeAddressesAndCidrRangesAndNeverHostNames() {
        assertTrue(IpAllowList.allows(List.of(), "203.0.113.9"));
        assertTrue(IpAllowList.allows(List.of("203.0.113.0/24"), "203.0.113.9"));
        assertFalse(IpAllowList.allows(List.of("203.0.113.0/24"), "203.0.114.9"));
        assertTrue(IpAllowList.allows(List.of("198.51.100.7"), "198.51.100.7"));
        assertFalse(IpAllowList.allows(List.of("198.51.100.7"), "198.51.100.8"));
        assertTrue(IpAllowList.allows(List.of("2001:db8::/32"), "2001:db8:1::5"));
        assertFalse(IpAllowList.allows(List.of("2001:db8::/32"), "2001:db9::5"));
        assertTrue(IpAllowList.allows(List.of("10.0.0.0/8"), "::ffff:10.1.2.3"));
        assertTrue(IpAllowList.allows(List.of("0.0.0.0/0"), "192.0.2.1"));
        assertFalse(IpAllowList.allows(List.of("10.0.0.0/8"), "unknown"));
        assertFalse(IpAllowList.valid("example.com"));
        assertFalse(IpAllowList.valid("10.0.0.0/33"));
        assertFalse(IpAllowList.valid("10.0.0"));
        assertTrue(IpAllowList.valid("::1"));
    }

    @Test
    void aKeyIsRefusedWhenNotActiveExpiredItsCreatorDisabledOrFromElsewhere() {
        UUID id = UUID.randomUUID();
        OffsetDateTime future = OffsetDateTime.now().plusDays(1);
        ApiKeyStore.AuthRow ok = new ApiKeyStore.AuthRow(id, UUID.randomUUID(), List.of("READ"), "FREE", "ACTIVE", null,
                List.of(), future, Role.ORGANIZER, "ACTIVE");
        assertEquals(null, ApiKeyIdentityProvider.refusal(ok, "192.0.2.1"));
        assertEquals("unknown", ApiKeyIdentityProvider.refusal(null, "192.0.2.1"));
        assertEquals("revoked", ApiKeyIdentityProvider.refusal(new ApiKeyStore.AuthRow(id, ok.userId(), ok.scopes(),
                "FREE", "REVOKED", null, List.of(), future, Role.ORGANIZER, "ACTIVE"), "192.0.2.1"));
        assertEquals("expired", ApiKeyIdentityProvider.refusal(new ApiKeyStore.AuthRow(id, ok.userId(), ok.scopes(),
                "FREE", "ACTIVE", null, List.of(), OffsetDateTime.now().minusSeconds(1), Role.ORGANIZER, "ACTIVE"),
                "192.0.2.1"));
        assertEquals("creator-disabled", ApiKeyIdentityProvider.refusal(new ApiKeyStore.AuthRow(id, ok.userId(),
                ok.scopes(), "FREE", "ACTIVE", null, List.of(), null, Role.ORGANIZER, "BANNED"), "192.0.2.1"));
        assertEquals("address-not-allowed", ApiKeyIdentityProvider.refusal(new ApiKeyStore.AuthRow(id, ok.userId(),
                ok.scopes(), "FREE", "ACTIVE", null, List.of("10.0.0.0/8"), null, Role.ORGANIZER, "ACTIVE"),
                "192.0.2.1"));
    }
}
