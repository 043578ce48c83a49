package dev.festival.apikeys;

import dev.festival.apikeys.dto.ApiKeyStats;
import dev.festival.apikeys.dto.ApiKeyView;
import dev.festival.apikeys.dto.CreateApiKeyRequest;
import dev.festival.apikeys.dto.CreatedApiKey;
import dev.festival.apikeys.dto.UpdateApiKeyRequest;
import dev.festival.common.audit.AuditLog;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.ApiKeyGrant;
import dev.festival.common.security.ApiKeyHeaders;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API keys (API.md "API keys"): created by ADMIN and ORGANIZER accounts, shown once, stored as
 * SHA-256 (a key holds 256 random bits, so a fast hash is as safe as a slow one and keeps the lookup
 * one indexed query). A caller manages their own keys; an ADMIN manages every key.
 */
@ApplicationScoped
public class ApiKeyService {
    /** fst_ + 43 characters of base64url = 32 random bytes. */
    private static final Pattern KEY = Pattern.compile("fst_[A-Za-z0-9_-]{43}");
    /** The visible part: fst_ and 8 characters (48 bits: enough to tell one's keys apart, useless to guess). */
    static final int PREFIX_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyCache cache;

    @Inject
    ApiKeyUsage usage;

    @Inject
    ApiKeysConfig config;

    @Inject
    CurrentUser currentUser;

    @Inject
    FestivalAccess access;

    @Inject
    BusinessEvents events;

    @Inject
    AuditLog audit;

    public Uni<CreatedApiKey> create(CreateApiKeyRequest r) {
        UUID owner = currentUser.id();
        boolean admin = currentUser.isAdmin();
        List<String> scopes = scopes(r.scopes());
        if (scopes.contains(ApiKeyGrant.Scope.ADMIN.name()) && !admin) {
            throw new ApiException(ErrorCode.ROLE_FORBIDDEN, "Only an ADMIN may create a key with the ADMIN scope");
        }
        String tier = r.tier() == null || r.tier().isBlank() ? "FREE" : r.tier().trim().toUpperCase(Locale.ROOT);
        if (!tier.equals("FREE") && !admin) {
            throw new ApiException(ErrorCode.ROLE_FORBIDDEN, "Only an ADMIN may give a key another tier than FREE");
        }
        List<String> ips = ipWhitelist(r.ipWhitelist());
        OffsetDateTime expiresAt = expiresAt(r.expiresAt());
        UUID festivalId = r.festivalId() == null || r.festivalId().isBlank() ? null : UUID.fromString(r.festivalId());
        Uni<Void> festivalCheck = festivalId == null ? Uni.createFrom().voidItem()
                : access.require(festivalId, FestivalAccess.Level.ORG).replaceWithVoid();
        String key = newKey();
        return festivalCheck
                .flatMap(v -> store.count(owner))
                .flatMap(count -> {
                    if (count >= config.maxPerUser()) {
                        return Uni.createFrom().failure(new ApiException(ErrorCode.CONFLICT,
                                "At most " + config.maxPerUser() + " API keys per account; delete one first"));
                    }
                    return store.insert(new ApiKeyStore.NewKey(UUID.randomUUID(), owner, r.name().trim(),
                            trimToNull(r.description()), key.substring(0, PREFIX_LENGTH), hash(key), scopes, tier,
                            festivalId, ips, expiresAt));
                })
                .call(row -> audit.record(AuditLog.entry("api_key.created").actor(owner).user(owner).festival(festivalId)
                        .detail("keyId", row.id()).detail("prefix", row.keyPrefix())
                        .detail("scopes", String.join(",", scopes)).detail("tier", tier)))
                .map(row -> {
                    events.record("api_key.created", "keyId", row.id(), "userId", owner, "prefix", row.keyPrefix(),
                            "scopes", String.join(",", scopes), "festivalId", festivalId, "tier", tier);
                    return CreatedApiKey.of(view(row), key);
                });
    }

    public Uni<Page<ApiKeyView>> list(PageRequest page) {
        UUID owner = ownerScope();
        return store.list(owner, page.limit(), page.offset()).flatMap(result -> {
            List<ApiKeyView> views = result.getKey().stream().map(this::view).toList();
            Uni<Long> total = result.getValue() >= 0 ? Uni.createFrom().item(result.getValue()) : store.count(owner);
            return total.map(t -> Page.of(views, t, page));
        });
    }

    public Uni<ApiKeyView> get(UUID id) {
        return store.find(id, ownerScope()).map(row -> view(require(row)));
    }

    public Uni<ApiKeyStats> stats() {
        return store.stats(ownerScope());
    }

    public Uni<ApiKeyView> update(UUID id, UpdateApiKeyRequest r) {
        List<String> scopes = r.scopes() == null ? null : scopes(r.scopes());
        if (scopes != null && scopes.contains(ApiKeyGrant.Scope.ADMIN.name()) && !currentUser.isAdmin()) {
            throw new ApiException(ErrorCode.ROLE_FORBIDDEN, "Only an ADMIN may give a key the ADMIN scope");
        }
        String tier = r.tier() == null ? null : r.tier().trim().toUpperCase(Locale.ROOT);
        if (tier != null && !currentUser.isAdmin()) {
            throw new ApiException(ErrorCode.ROLE_FORBIDDEN, "Only an ADMIN may change a key's tier");
        }
        ApiKeyStore.Changes changes = new ApiKeyStore.Changes(r.name() == null ? null : r.name().trim(),
                r.description(), scopes, tier, r.status() == null ? null : r.status().trim().toUpperCase(Locale.ROOT),
                r.ipWhitelist() == null ? null : ipWhitelist(r.ipWhitelist()), expiresAt(r.expiresAt()));
        return store.update(id, ownerScope(), changes)
                .map(ApiKeyService::require)
                .call(row -> cache.evict(row.id()))
                .call(row -> audit.record(AuditLog.entry("api_key.updated").actor(currentUser.id()).user(row.userId())
                        .festival(row.festivalId()).detail("keyId", row.id()).detail("status", row.status())
                        .detail("scopes", String.join(",", row.scopes())).detail("tier", row.tier())))
                .map(row -> {
                    events.record("api_key.updated", "keyId", row.id(), "by", currentUser.id(),
                            "status", row.status(), "scopes", String.join(",", row.scopes()));
                    return view(row);
                });
    }

    /** Revokes (and with {@code delete} also removes from lists) a key; effective at once on every pod. */
    public Uni<Void> revoke(UUID id, boolean delete) {
        String action = delete ? "api_key.deleted" : "api_key.revoked";
        return store.revoke(id, ownerScope(), delete)
                .map(ApiKeyService::require)
                .call(row -> cache.evict(id))
                .call(row -> audit.record(AuditLog.entry(action).actor(currentUser.id()).user(row.userId())
                        .festival(row.festivalId()).detail("keyId", id).detail("prefix", row.keyPrefix())))
                .invoke(row -> events.record(action, "keyId", id, "by", currentUser.id()))
                .replaceWithVoid();
    }

    /** Keys the caller may see: their own, or (null) every key for an ADMIN. */
    private UUID ownerScope() {
        return currentUser.isAdmin() ? null : currentUser.id();
    }

    private static ApiKeyStore.KeyRow require(ApiKeyStore.KeyRow row) {
        if (row == null) {
            throw ApiException.notFound("API key");
        }
        return row;
    }

    ApiKeyView view(ApiKeyStore.KeyRow k) {
        String status = k.status();
        if ("ACTIVE".equals(status) && k.expiresAt() != null && !k.expiresAt().isAfter(OffsetDateTime.now())) {
            status = "EXPIRED";
        }
        OffsetDateTime pendingLast = usage.pendingLastUsed(k.id());
        OffsetDateTime lastUsed = k.lastUsedAt() == null || (pendingLast != null && pendingLast.isAfter(k.lastUsedAt()))
                ? pendingLast : k.lastUsedAt();
        return new ApiKeyView(k.id(), k.name(), k.keyPrefix(), k.scopes(), k.tier(), status, k.festivalId(),
                k.description(), k.ipWhitelist(), lastUsed, k.usageCount() + usage.pendingCount(k.id()),
                k.expiresAt(), k.userId(), k.revokedAt(), k.createdAt(), k.updatedAt());
    }

    static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return ApiKeyHeaders.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static boolean wellFormed(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static List<String> scopes(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw) {
            ApiKeyGrant.Scope scope = ApiKeyGrant.Scope.parse(s);
            if (scope == null) {
                throw ApiException.invalidField("scopes", "must be READ, WRITE, DELETE or ADMIN");
            }
            out.add(scope.name());
        }
        if (out.isEmpty()) {
            throw ApiException.invalidField("scopes", "must not be empty");
        }
        return new ArrayList<>(out);
    }

    private static List<String> ipWhitelist(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String entry : raw) {
            if (!IpAllowList.valid(entry)) {
                throw ApiException.invalidField("ipWhitelist", "'" + entry + "' is not an IP address or CIDR range");
            }
            out.add(entry.trim());
        }
        return out;
    }

    private static OffsetDateTime expiresAt(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(raw.trim()).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("expiresAt", "must be an ISO-8601 date-time with offset");
        }
        if (!t.isAfter(OffsetDateTime.now())) {
            throw ApiException.invalidField("expiresAt", "must be in the future");
        }
        return t;
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
