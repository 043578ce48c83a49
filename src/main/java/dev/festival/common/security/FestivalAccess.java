package dev.festival.common.security;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one place that decides "may this caller act on festival F" (API.md "Conventions"):
 * <ul>
 *   <li>{@link Level#ORG}: ADMIN, the festival's owner, or an ORGANIZER member;</li>
 *   <li>{@link Level#CREW}: ORG plus the festival's STAFF, SECURITY and CASHIER members;</li>
 *   <li>{@link Level#OWNER}: ADMIN or the owner only.</li>
 * </ul>
 * A member role may further be required (a cash desk needs a CASHIER of that festival).
 * One query answers it: the festival's owner and the caller's membership, if any.
 * <p>
 * A request authenticated by an API key bound to a festival ({@link ApiKeyGrant#festivalId()}) is
 * refused (403 ERR_3002) on any other festival, and on lists that span festivals.
 */
@ApplicationScoped
public class FestivalAccess {
    public enum Level { OWNER, ORG, CREW }

    /**
     * What the caller is on a festival. {@code memberRole} is null for non-members;
     * {@code publiclyVisible} is false for a DRAFT (seen by its org only).
     */
    public record Grant(UUID festivalId, UUID userId, boolean admin, boolean owner, Role memberRole,
                        boolean publiclyVisible) {
        public Grant(UUID festivalId, UUID userId, boolean admin, boolean owner, Role memberRole) {
            this(festivalId, userId, admin, owner, memberRole, true);
        }

        public boolean isOrg() {
            return admin || owner || memberRole == Role.ORGANIZER;
        }

        public boolean isCrew() {
            return isOrg() || memberRole == Role.STAFF || memberRole == Role.SECURITY || memberRole == Role.CASHIER;
        }

        public boolean hasMemberRole(Role... roles) {
            for (Role r : roles) {
                if (r == memberRole) {
                    return true;
                }
            }
            return false;
        }
    }

    @Inject
    Pool pool;

    @Inject
    CurrentUser currentUser;

    @Inject
    CurrentIdentityAssociation identities;

    /** Fails with 404 (no such festival), 401, or 403 (ERR_3003 / ERR_3002) unless the caller has the level. */
    public Uni<Grant> require(UUID festivalId, Level level) {
        return grant(festivalId).map(g -> {
            switch (level) {
                case OWNER -> {
                    if (!g.admin() && !g.owner()) {
                        throw new ApiException(ErrorCode.NOT_OWNER, "Only the festival's owner or an ADMIN may do this");
                    }
                }
                case ORG -> {
                    if (!g.isOrg()) {
                        throw g.memberRole() == null && currentUser.role() == Role.ORGANIZER
                                ? new ApiException(ErrorCode.NOT_OWNER, "You do not organise this festival")
                                : g.memberRole() == null
                                    ? new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER)
                                    : new ApiException(ErrorCode.ROLE_FORBIDDEN,
                                        "Your role on this festival does not allow this action");
                    }
                }
                case CREW -> {
                    if (!g.isCrew()) {
                        throw new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER);
                    }
                }
            }
            return g;
        });
    }

    /** Crew of the festival holding one of the given member roles, or org. */
    public Uni<Grant> requireOrgOrMember(UUID festivalId, Role... memberRoles) {
        return grant(festivalId).map(g -> requireOrgOrMember(g, memberRoles));
    }

    /**
     * As {@link #requireOrgOrMember(UUID, Role...)} for a grant already at hand (see
     * {@link #grantOf}): the grant when it is org or holds one of the member roles, else 403.
     */
    public Grant requireOrgOrMember(Grant g, Role... memberRoles) {
        if (g.isOrg() || g.hasMemberRole(memberRoles)) {
            return g;
        }
        throw g.memberRole() == null ? new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER)
                : new ApiException(ErrorCode.ROLE_FORBIDDEN, "Your role on this festival does not allow this action");
    }

    /**
     * The current caller's grant from the two facts {@link #grantFor} reads — the festival's
     * {@code festivals.organizer_id} and the caller's {@code festival_members.role} (null when not a
     * member) — for a hot path that selects them within its own statement instead of paying a
     * separate round trip (e.g. {@code LEFT JOIN festival_members m ON m.festival_id = … AND
     * m.user_id = <caller>}). The caller must have checked that the festival exists and is not deleted.
     */
    public Grant grantOf(UUID festivalId, UUID organizerId, String memberRole) {
        requireKeyBinding(currentUser.apiKey(), festivalId);
        UUID userId = currentUser.id();
        return new Grant(festivalId, userId, currentUser.isAdmin(), userId.equals(organizerId), Role.parse(memberRole));
    }

    /**
     * Which festivals a cross-festival list may show the caller: null for an ADMIN (all of them),
     * else the caller's id, meaning the festivals they own or co-organise.
     */
    public UUID organizerScope() {
        ApiKeyGrant key = currentUser.apiKey();
        if (key != null && key.festivalId() != null) {
            throw new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER,
                    "This API key is bound to one festival and cannot list across festivals");
        }
        return currentUser.isAdmin() ? null : currentUser.id();
    }

    /** What the caller is on the festival; 404 when the festival does not exist (or is deleted). */
    public Uni<Grant> grant(UUID festivalId) {
        return grantFor(festivalId, currentUser.id(), currentUser.isAdmin());
    }

    /**
     * For public endpoints, where authentication is lazy and the identity may only be read
     * reactively: the caller's grant, or null for an anonymous caller or an unusable token.
     * 404 when the festival does not exist.
     */
    public Uni<Grant> grantIfSignedIn(UUID festivalId) {
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .flatMap(identity -> {
                    UUID userId = identity == null || identity.isAnonymous() ? null : subject(identity);
                    if (userId == null) {
                        return Uni.createFrom().nullItem();
                    }
                    boolean admin = identity.getRoles().stream().map(Role::parse).anyMatch(r -> r == Role.ADMIN);
                    return grantFor(festivalId, userId, admin);
                });
    }

    private static UUID subject(SecurityIdentity identity) {
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt
                ? jwt.getSubject() : identity.getPrincipal().getName();
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The festivals a user owns or is a member of with one of the given member roles (ORGANIZER
     * members always count): for lists that span festivals, filtered with {@code festival_id = ANY(…)}.
     */
    public Uni<java.util.List<UUID>> orgOrMemberFestivals(UUID userId, Role... memberRoles) {
        java.util.List<String> roles = new java.util.ArrayList<>();
        roles.add(Role.ORGANIZER.name());
        for (Role r : memberRoles) {
            roles.add(r.name());
        }
        return keyBinding().flatMap(bound -> pool.preparedQuery("""
                        SELECT f.id FROM festivals f WHERE f.organizer_id = $1 AND f.deleted_at IS NULL
                        UNION
                        SELECT m.festival_id FROM festival_members m JOIN festivals f ON f.id = m.festival_id
                         WHERE m.user_id = $1 AND m.role = ANY($2) AND f.deleted_at IS NULL""")
                .execute(Tuple.of(userId, roles.toArray(String[]::new)))
                .map(rows -> {
                    java.util.List<UUID> ids = new java.util.ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    if (bound != null) {
                        ids.retainAll(java.util.List.of(bound));
                    }
                    return ids;
                }));
    }

    /**
     * The grant of an explicitly named caller, for contexts without a request-scoped identity
     * (Socket.IO connections, scheduled jobs). 404 when the festival does not exist.
     */
    public Uni<Grant> grantFor(UUID festivalId, UUID userId, boolean admin) {
        return keyBinding().flatMap(bound -> {
            requireKeyBinding(bound, festivalId);
            return grantQuery(festivalId, userId, admin);
        });
    }

    private Uni<Grant> grantQuery(UUID festivalId, UUID userId, boolean admin) {
        return pool.preparedQuery("""
                        SELECT f.organizer_id, m.role AS member_role, f.status <> 'DRAFT' AS publicly_visible
                          FROM festivals f
                          LEFT JOIN festival_members m ON m.festival_id = f.id AND m.user_id = $2
                         WHERE f.id = $1 AND f.deleted_at IS NULL""")
                .execute(Tuple.of(festivalId, userId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Festival");
                    }
                    Row row = rows.iterator().next();
                    boolean owner = userId.equals(row.getUUID("organizer_id"));
                    return new Grant(festivalId, userId, admin, owner, Role.parse(row.getString("member_role")),
                            row.getBoolean("publicly_visible"));
                });
    }

    /**
     * The festival the request's API key is bound to, or null (no key, an unbound key, or no request:
     * Socket.IO and scheduled work never run with an API key).
     */
    private Uni<UUID> keyBinding() {
        if (!Arc.container().requestContext().isActive()) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> {
                    ApiKeyGrant key = ApiKeyGrant.of(identity);
                    return key == null ? null : key.festivalId();
                })
                .onFailure().recoverWithNull();
    }

    private static void requireKeyBinding(ApiKeyGrant key, UUID festivalId) {
        requireKeyBinding(key == null ? null : key.festivalId(), festivalId);
    }

    private static void requireKeyBinding(UUID bound, UUID festivalId) {
        if (bound != null && !bound.equals(festivalId)) {
            throw new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER, "This API key is bound to another festival");
        }
    }
}
