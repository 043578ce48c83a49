package dev.festival.users;

import dev.festival.auth.PasswordHasher;
import dev.festival.auth.SessionService;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.Role;
import dev.festival.users.dto.UserChanges;
import dev.festival.users.dto.UserFilter;
import dev.festival.users.dto.UserView;
import dev.festival.common.audit.AuditLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import dev.festival.common.events.BusinessEvents;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Users administration (API.md "Users"): listing, search, admin-created accounts, profile
 * edits, role changes and the account status life cycle. Sign-in data and self-registration
 * stay in {@link UserService}; this class builds on it.
 *
 * <p>Status changes lock the row ({@code SELECT ... FOR UPDATE}) so that the check and the
 * write see the same state; sessions are revoked after the change has committed, so a
 * refresh racing the ban finds the account already BANNED.
 */
@ApplicationScoped
public class UserAdminService {

    /** API sort field → column; anything else falls back to createdAt (PageRequest). */
    static final Map<String, String> SORT_COLUMNS = Map.of(
            "createdAt", "created_at",
            "updatedAt", "updated_at",
            "email", "email",
            "firstName", "first_name",
            "lastName", "last_name",
            "role", "role",
            "status", "status",
            "lastLoginAt", "last_login_at");
    public static final Set<String> SORTABLE = SORT_COLUMNS.keySet();
    public static final String DEFAULT_SORT = "createdAt";

    @Inject
    Pool pool;

    @Inject
    BusinessEvents events;

    @Inject
    UserService users;

    @Inject
    SessionService sessions;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditLog audit;

    // ---------------------------------------------------------------- reading

    /** GET /api/users: filters are bound as parameters; only the sort column comes from a whitelist. */
    public Uni<Page<UserView>> list(UserFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.search() != null && !filter.search().isBlank()) {
            where.append(" AND (u.email LIKE :search ESCAPE '!' OR lower(u.first_name) LIKE :search ESCAPE '!'"
                    + " OR lower(u.last_name) LIKE :search ESCAPE '!'"
                    + " OR lower(u.first_name || ' ' || u.last_name) LIKE :search ESCAPE '!')");
            params.put("search", containsPattern(filter.search()));
        }
        if (filter.email() != null && !filter.email().isBlank()) {
            where.append(" AND u.email LIKE :email ESCAPE '!'");
            params.put("email", containsPattern(filter.email()));
        }
        if (filter.role() != null) {
            where.append(" AND u.role = :role");
            params.put("role", filter.role().name());
        }
        if (filter.status() != null) {
            where.append(" AND u.status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.festivalId() != null) {
            // Read-only filter over the festivals feature's membership table (members only, not the owner).
            where.append(" AND u.id IN (SELECT m.user_id FROM festival_members m WHERE m.festival_id = :festivalId)");
            params.put("festivalId", filter.festivalId());
        }
        String column = SORT_COLUMNS.getOrDefault(page.sortBy(), "created_at");
        String order = " ORDER BY u." + column + " " + page.direction() + " NULLS LAST, u.id " + page.direction();
        Positional sql = Positional.of(where.toString(), params);
        int limitAt = sql.values().size() + 1;
        Tuple args = Tuple.from(sql.values());
        Tuple pageArgs = Tuple.from(sql.values()).addLong((long) page.limit()).addLong(page.offset());
        return pool.preparedQuery("SELECT count(*) FROM users u" + sql.text()).execute(args)
                .chain(count -> pool.preparedQuery("SELECT " + prefixed() + " FROM users u" + sql.text() + order
                                + " LIMIT $" + limitAt + " OFFSET $" + (limitAt + 1))
                        .execute(pageArgs)
                        .map(rows -> {
                            List<UserView> items = new java.util.ArrayList<>(rows.size());
                            rows.forEach(r -> items.add(UserView.of(User.from(r))));
                            return Page.of(items, count.iterator().next().getLong(0), page);
                        }));
    }

    /** GET /api/users/search: a short list for pickers (adding festival members, ...). */
    public Uni<List<UserView>> search(String q, int limit) {
        if (q == null || q.isBlank()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT " + prefixed() + " " + """
                         FROM users u
                        WHERE u.email LIKE $1 ESCAPE '!' OR lower(u.first_name) LIKE $1 ESCAPE '!'
                           OR lower(u.last_name) LIKE $1 ESCAPE '!'
                           OR lower(u.first_name || ' ' || u.last_name) LIKE $1 ESCAPE '!'
                        ORDER BY (u.email = $2) DESC, u.last_name, u.first_name, u.email
                        LIMIT $3""")
                .execute(Tuple.of(containsPattern(q), Emails.normalize(q), limit))
                .map(rows -> {
                    List<UserView> items = new java.util.ArrayList<>(rows.size());
                    rows.forEach(r -> items.add(UserView.of(User.from(r))));
                    return items;
                });
    }

    /** {@link User#COLUMNS} qualified with the alias {@code u}. */
    private static String prefixed() {
        return PREFIXED;
    }

    private static final String PREFIXED = java.util.Arrays.stream(User.COLUMNS.split(","))
            .map(c -> "u." + c.trim()).collect(java.util.stream.Collectors.joining(", "));

    /** Named {@code :param} placeholders turned into PostgreSQL's {@code $n}, values in order. */
    record Positional(String text, List<Object> values) {
        static Positional of(String named, Map<String, Object> params) {
            List<Object> values = new java.util.ArrayList<>();
            Map<String, Integer> index = new java.util.HashMap<>();
            var m = java.util.regex.Pattern.compile(":([a-zA-Z]+)").matcher(named);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                Integer n = index.get(name);
                if (n == null) {
                    values.add(params.get(name));
                    n = values.size();
                    index.put(name, n);
                }
                m.appendReplacement(out, "\\$" + n);
            }
            m.appendTail(out);
            return new Positional(out.toString(), values);
        }
    }

    /** "%term%" in lower case, with LIKE wildcards in the term taken literally. */
    static String containsPattern(String term) {
        String t = term.trim().toLowerCase(java.util.Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + t + "%";
    }

    // ---------------------------------------------------------------- creating

    /** POST /api/users: an ADMIN vouches for the account, so it starts ACTIVE and verified. */
    public Uni<UserView> createByAdmin(String email, String password, String firstName, String lastName,
                                       String phone, Role role) {
        return hasher.hash(password)
                .chain(hash -> users.create(new UserService.NewUser(email, hash, firstName, lastName,
                        blankToNull(phone), role == null ? Role.USER : role, UserStatus.ACTIVE, true)))
                .invoke(u -> events.record("user.created", "userId", u.id(), "role", u.role(), "by", "admin"));
    }

    // ---------------------------------------------------------------- updating

    /**
     * Partial update. {@code actorIsAdmin} decides whether role/status may change; a non-admin
     * sending a role or status other than the current one → 403 ERR_3001 (the same value is
     * accepted, since clients send the whole object back). Changing the role, or moving to
     * INACTIVE/BANNED, revokes the user's sessions.
     */
    public Uni<UserView> update(UUID actorId, boolean actorIsAdmin, UUID id, UserChanges c) {
        Outcome outcome = new Outcome();
        return pool.withTransaction(conn -> lockUser(conn, id).chain(u -> {
                    if (!actorIsAdmin && ((c.role() != null && c.role() != u.role)
                            || (c.status() != null && c.status() != u.status))) {
                        throw new ApiException(ErrorCode.ROLE_FORBIDDEN, "Only an ADMIN may change role or status");
                    }
                    if (id.equals(actorId)) {
                        if (c.role() != null && c.role() != u.role && u.role == Role.ADMIN) {
                            throw selfLockout("demote");
                        }
                        if (c.status() != null && !c.status().maySignIn() && c.status() != u.status) {
                            throw selfLockout(c.status() == UserStatus.BANNED ? "ban" : "deactivate");
                        }
                    }
                    if (c.email() != null) {
                        String email = Emails.normalize(c.email());
                        if (!email.equals(u.email)) {
                            u.email = email;
                            // The new mailbox has not been proven yet.
                            u.emailVerified = false;
                        }
                    }
                    if (c.firstName() != null) {
                        u.firstName = requireText("firstName", c.firstName());
                    }
                    if (c.lastName() != null) {
                        u.lastName = requireText("lastName", c.lastName());
                    }
                    if (c.phone() != null) {
                        u.phone = blankToNull(c.phone());
                    }
                    if (c.avatarUrl() != null) {
                        u.avatarUrl = blankToNull(c.avatarUrl());
                    }
                    if (c.role() != null && c.role() != u.role) {
                        outcome.revokeReason = "role changed";
                        outcome.audits.add(AuditLog.entry("user.role_changed").actor(actorId).user(id)
                                .detail("from", u.role).detail("to", c.role()));
                        u.role = c.role();
                    }
                    if (c.status() != null && c.status() != u.status) {
                        if (!c.status().maySignIn()) {
                            outcome.revokeReason = c.status() == UserStatus.BANNED ? "banned" : "deactivated";
                        }
                        outcome.audits.add(AuditLog.entry("user.status_changed").actor(actorId).user(id)
                                .detail("from", u.status).detail("to", c.status()));
                        u.status = c.status();
                    }
                    u.updatedAt = now();
                    return u.save(conn).map(UserView::of);
                }))
                .onFailure(UserService::isUniqueViolation)
                .transform(e -> new ApiException(ErrorCode.CONFLICT, "An account with this email already exists",
                        Map.of("field", "email")))
                .call(v -> outcome.revokeReason == null ? Uni.createFrom().voidItem()
                        : sessions.revokeAll(id, outcome.revokeReason, actorId))
                .call(v -> outcome.audit(audit))
                .invoke(v -> events.record("user.updated", "userId", id, "by", actorId, "revoked", outcome.revokeReason));
    }

    /** PATCH /api/users/:id/role: takes effect at the user's next sign-in, so their sessions end now. */
    public Uni<UserView> changeRole(UUID actorId, UUID id, Role role, String reason) {
        Outcome outcome = new Outcome();
        return pool.withTransaction(conn -> lockUser(conn, id).chain(u -> {
                    if (u.role == role) {
                        return Uni.createFrom().item(UserView.of(u));
                    }
                    if (id.equals(actorId)) {
                        throw selfLockout("demote");
                    }
                    outcome.audits.add(AuditLog.entry("user.role_changed").actor(actorId).user(id)
                            .detail("from", u.role).detail("to", role).detail("reason", blankToNull(reason)));
                    u.role = role;
                    u.updatedAt = now();
                    outcome.revokeReason = "role changed";
                    return u.save(conn).map(UserView::of);
                }))
                .call(v -> outcome.revokeReason == null ? Uni.createFrom().voidItem()
                        : sessions.revokeAll(id, outcome.revokeReason, actorId))
                .call(v -> outcome.audit(audit))
                .invoke(v -> events.record("user.role_changed", "userId", id, "role", role, "by", actorId, "reason",
                        reason));
    }

    public Uni<UserView> deactivate(UUID actorId, UUID id, String reason) {
        return changeStatus(actorId, id, UserStatus.INACTIVE, reason);
    }

    public Uni<UserView> reactivate(UUID actorId, UUID id, String reason) {
        return changeStatus(actorId, id, UserStatus.ACTIVE, reason);
    }

    public Uni<UserView> ban(UUID actorId, UUID id, String reason) {
        return changeStatus(actorId, id, UserStatus.BANNED, reason);
    }

    public Uni<UserView> unban(UUID actorId, UUID id, String reason) {
        return changeStatus(actorId, id, UserStatus.ACTIVE, reason, UserStatus.BANNED);
    }

    /**
     * The life cycle: deactivate (not a banned account: that would let reactivate lift a ban),
     * reactivate (INACTIVE only), ban (any), unban (BANNED only). Repeating a deactivation or a
     * ban is accepted (and refreshes the reason); other moves from the wrong state → 409 ERR_5009.
     */
    private Uni<UserView> changeStatus(UUID actorId, UUID id, UserStatus target, String reason) {
        return switch (target) {
            case INACTIVE -> changeStatus(actorId, id, target, reason,
                    UserStatus.ACTIVE, UserStatus.PENDING_VERIFICATION, UserStatus.INACTIVE);
            case ACTIVE -> changeStatus(actorId, id, target, reason, UserStatus.INACTIVE);
            case BANNED -> changeStatus(actorId, id, target, reason, UserStatus.values());
            default -> throw new IllegalArgumentException(target.name());
        };
    }

    private Uni<UserView> changeStatus(UUID actorId, UUID id, UserStatus target, String reason,
                                       UserStatus... allowedFrom) {
        boolean disabling = !target.maySignIn();
        String event = switch (target) {
            case INACTIVE -> "deactivated";
            case BANNED -> "banned";
            default -> allowedFrom.length == 1 && allowedFrom[0] == UserStatus.BANNED ? "unbanned" : "reactivated";
        };
        if (disabling && id.equals(actorId)) {
            return Uni.createFrom().failure(selfLockout(target == UserStatus.BANNED ? "ban" : "deactivate"));
        }
        return pool.withTransaction(conn -> lockUser(conn, id).chain(u -> {
                    if (!List.of(allowedFrom).contains(u.status)) {
                        throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                                "Cannot move an account from " + u.status + " to " + target,
                                Map.of("status", u.status.name(), "target", target.name()));
                    }
                    u.status = target;
                    u.statusReason = blankToNull(reason);
                    u.updatedAt = now();
                    return u.save(conn).map(UserView::of);
                }))
                .call(v -> disabling ? sessions.revokeAll(id, event, actorId) : Uni.createFrom().voidItem())
                .call(v -> audit.record(AuditLog.entry("user." + event).actor(actorId).user(id)
                        .detail("reason", blankToNull(reason))))
                .invoke(v -> events.record("user." + event, "userId", id, "by", actorId));
    }

    // ---------------------------------------------------------------- helpers

    /** Mutable holder: what the transaction decided, read after it committed. */
    private static final class Outcome {
        String revokeReason;
        final List<AuditLog.Entry> audits = new java.util.ArrayList<>();

        Uni<Void> audit(AuditLog log) {
            return Multi.createFrom().iterable(audits).onItem().transformToUniAndConcatenate(log::record)
                    .collect().last().replaceWithVoid();
        }
    }

    private static Uni<User> lockUser(SqlConnection conn, UUID id) {
        return User.lockById(conn, id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("User"));
    }

    /** An ADMIN locking themself out would leave no one to undo it. */
    private static ApiException selfLockout(String action) {
        return new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                "An administrator cannot " + action + " their own account");
    }

    private static String requireText(String field, String value) {
        if (value.isBlank()) {
            throw ApiException.invalidField(field, "must not be blank");
        }
        return value.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
