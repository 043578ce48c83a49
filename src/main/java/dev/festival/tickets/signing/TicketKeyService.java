package dev.festival.tickets.signing;

import dev.festival.common.error.ApiException;
import dev.festival.common.events.BusinessEvents;
import dev.festival.tickets.signing.TicketKeyStore.KeyRow;
import dev.festival.tickets.signing.TicketKeyStore.NewKey;
import dev.festival.tickets.signing.dto.TicketKeyView;
import dev.festival.tickets.signing.dto.TicketKeysView;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint;

/**
 * The festivals' signing keys: created on first use, rotated on request, and cached in memory so
 * that signing and verifying do not touch the database once warm. Public keys never change, so
 * they are cached for good; the current private key is re-read after {@code current-key-ttl}, so a
 * rotation made on another pod is picked up (a pod still signing with the retired key meanwhile
 * is harmless: retired keys keep verifying).
 */
@ApplicationScoped
public class TicketKeyService {
    /**
     * A verification key, decoded once ({@link Ed25519#point}; null when the stored key is not a valid
     * point, so nothing verifies against it), and the festival it belongs to.
     */
    record VerificationKey(String kid, UUID festivalId, PublicPoint point) {}

    /** The key a pod signs with for one festival (with its raw public key), and when it was read. */
    record SigningKey(String kid, UUID festivalId, PrivateKey key, byte[] rawPublicKey, long loadedAtNanos) {}

    @Inject
    TicketKeyStore store;

    @Inject
    PrivateKeyWrap wrap;

    @Inject
    SigningConfig config;

    @Inject
    BusinessEvents events;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, VerificationKey> publicKeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, SigningKey> currentKeys = new ConcurrentHashMap<>();
    /**
     * Kids recently looked up and not found, so that a flood of well-formed payloads with made-up
     * kids costs one query per kid per minute, not one per request. Bounded: cleared when full.
     * (A real kid cannot be negatively cached before it exists: kids are random and unguessable.)
     */
    private final ConcurrentHashMap<String, Long> unknownKids = new ConcurrentHashMap<>();
    private static final int UNKNOWN_KIDS_MAX = 10_000;
    private static final long UNKNOWN_KID_TTL_NANOS = 60_000_000_000L;

    /** The festival's current signing key, created on first use; 404 when the festival does not exist. */
    Uni<SigningKey> signingKey(UUID festivalId) {
        SigningKey cached = currentKeys.get(festivalId);
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < config.currentKeyTtl().toNanos()) {
            return Uni.createFrom().item(cached);
        }
        return currentOrCreate(festivalId).map(this::remember);
    }

    /** The verification key with this kid, or null when no festival has it. */
    Uni<VerificationKey> verificationKey(String kid) {
        VerificationKey cached = publicKeys.get(kid);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        Long missingSince = unknownKids.get(kid);
        if (missingSince != null && System.nanoTime() - missingSince < UNKNOWN_KID_TTL_NANOS) {
            return Uni.createFrom().nullItem();
        }
        return store.byKid(kid).map(row -> {
            if (row == null) {
                if (unknownKids.size() >= UNKNOWN_KIDS_MAX) {
                    unknownKids.clear();
                }
                unknownKids.put(kid, System.nanoTime());
                return null;
            }
            unknownKids.remove(kid);
            return rememberPublic(row);
        });
    }

    /** Every key of the festival (creating the first one, so scanners can load it before sales open). */
    public Uni<TicketKeysView> list(UUID festivalId) {
        return currentOrCreate(festivalId)
                .chain(() -> store.all(festivalId))
                .map(rows -> view(festivalId, rows));
    }

    /** Retires the current key (it keeps verifying) and makes a new one current. */
    public Uni<TicketKeysView> rotate(UUID festivalId) {
        return store.rotate(newKey(festivalId))
                .onFailure(TicketKeyService::isMissingFestival).transform(e -> ApiException.notFound("Festival"))
                .invoke(row -> {
                    remember(row);
                    events.record("ticket.key.rotated", "festivalId", festivalId, "kid", row.kid());
                })
                .chain(() -> store.all(festivalId))
                .map(rows -> view(festivalId, rows));
    }

    private Uni<KeyRow> currentOrCreate(UUID festivalId) {
        return store.current(festivalId).chain(row -> {
            if (row != null) {
                return Uni.createFrom().item(row);
            }
            // first use: the partial unique index lets exactly one concurrent insert win; losers read the winner
            return store.insertIfNoCurrent(newKey(festivalId))
                    .onFailure(TicketKeyService::isMissingFestival).transform(e -> ApiException.notFound("Festival"))
                    .chain(inserted -> {
                        if (inserted != null) {
                            events.record("ticket.key.created", "festivalId", festivalId, "kid", inserted.kid());
                            return Uni.createFrom().item(inserted);
                        }
                        return store.current(festivalId);
                    });
        }).map(row -> {
            if (row == null) {
                throw new IllegalStateException("No current ticket signing key for festival " + festivalId);
            }
            return row;
        });
    }

    private NewKey newKey(UUID festivalId) {
        KeyPair pair = Ed25519.generate();
        String kid = newKid();
        return new NewKey(kid, festivalId, pair.getPublic().getEncoded(),
                wrap.wrap(kid, pair.getPrivate().getEncoded()), wrap.scheme());
    }

    /** 9 random bytes → 12 base64url characters: short in the QR, unguessable, globally unique in practice. */
    private String newKid() {
        byte[] b = new byte[9];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private SigningKey remember(KeyRow row) {
        rememberPublic(row);
        SigningKey k = new SigningKey(row.kid(), row.festivalId(),
                Ed25519.privateKey(wrap.unwrap(row.kid(), row.keyWrap(), row.privateKey())),
                Ed25519.raw(row.publicKey()), System.nanoTime());
        currentKeys.put(row.festivalId(), k);
        return k;
    }

    private VerificationKey rememberPublic(KeyRow row) {
        return publicKeys.computeIfAbsent(row.kid(),
                kid -> {
                    Ed25519.publicKey(row.publicKey()); // refuses an unreadable stored key, as before
                    return new VerificationKey(kid, row.festivalId(), Ed25519.point(Ed25519.raw(row.publicKey())));
                });
    }

    private static TicketKeysView view(UUID festivalId, List<KeyRow> rows) {
        Base64.Encoder b64 = Base64.getEncoder();
        List<TicketKeyView> keys = rows.stream().map(r -> new TicketKeyView(r.kid(), Ed25519.ALG,
                b64.encodeToString(Ed25519.raw(r.publicKey())), b64.encodeToString(r.publicKey()),
                r.retiredAt() == null, r.validFrom(), r.retiredAt())).toList();
        String current = rows.stream().filter(r -> r.retiredAt() == null).map(KeyRow::kid).findFirst().orElse(null);
        return new TicketKeysView(festivalId, TicketPayloads.PREFIX, current, keys);
    }

    private static boolean isMissingFestival(Throwable e) {
        return e instanceof PgException pg && "23503".equals(pg.getSqlState());
    }
}
