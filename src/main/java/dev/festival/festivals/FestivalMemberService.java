package dev.festival.festivals;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import dev.festival.festivals.dto.AddMemberRequest;
import dev.festival.festivals.dto.MemberView;
import dev.festival.festivals.dto.PersonView;
import dev.festival.users.UserService;
import dev.festival.users.dto.UserView;
import io.smallrye.mutiny.Multi;
import dev.festival.common.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import dev.festival.common.events.BusinessEvents;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/**
 * Who works on a festival besides its owner. Org (ADMIN, owner, ORGANIZER member) manages the
 * list; the crew may read it. Adding someone who is already a member changes their role.
 */
@ApplicationScoped
public class FestivalMemberService {

    /** A member and whether this request created them (201) or changed their role (200). */
    public record Added(MemberView member, boolean created) {}

    @Inject
    BusinessEvents events;

    @Inject
    FestivalStore store;

    @Inject
    FestivalAccess access;

    @Inject
    CurrentUser currentUser;

    @Inject
    UserService users;

    @Inject
    AuditLog audit;

    public Uni<Page<MemberView>> list(UUID festivalId, Role role, PageRequest page) {
        return access.require(festivalId, FestivalAccess.Level.CREW)
                .flatMap(g -> store.members(festivalId, role == null ? null : role.name(), page))
                .flatMap(slice -> Multi.createFrom().iterable(slice.rows())
                        // one at a time: a reactive session runs one query at a time
                        .onItem().transformToUniAndConcatenate(m -> users.findById(m.userId())
                                .map(u -> view(m, u)))
                        .collect().asList()
                        .map(views -> Page.of(views, slice.total(), page)));
    }

    public Uni<Added> add(UUID festivalId, AddMemberRequest r) {
        Role role = Role.parse(r.role());
        return access.require(festivalId, FestivalAccess.Level.ORG)
                .flatMap(g -> findUser(r))
                .flatMap(user -> store.upsertMember(festivalId, user.id(), role.name(), currentUser.id())
                        .map(result -> {
                            if (result == null) {
                                throw new ApiException(ErrorCode.CONFLICT,
                                        "This user owns the festival and needs no membership",
                                        Map.of("field", "userId"));
                            }
                            events.record(result.getValue() ? "festival.member.added" : "festival.member.role_changed",
                                    "festivalId", festivalId, "userId", user.id(), "role", role, "by", currentUser.id());
                            return new Added(view(result.getKey(), user), result.getValue());
                        }))
                .call(added -> audit.record(AuditLog.entry(added.created() ? "festival.member_added"
                                : "festival.member_role_changed")
                        .actor(currentUser.id()).user(added.member().userId()).festival(festivalId)
                        .detail("role", role)));
    }

    public Uni<Void> remove(UUID festivalId, UUID userId) {
        return access.require(festivalId, FestivalAccess.Level.ORG)
                .flatMap(g -> store.removeMember(festivalId, userId))
                .invoke(removed -> {
                    if (!removed) {
                        throw ApiException.notFound("Festival member");
                    }
                    events.record("festival.member.removed", "festivalId", festivalId, "userId", userId,
                            "by", currentUser.id());
                })
                .call(removed -> audit.record(AuditLog.entry("festival.member_removed").actor(currentUser.id())
                        .user(userId).festival(festivalId)))
                .replaceWithVoid();
    }

    private Uni<UserView> findUser(AddMemberRequest r) {
        Uni<UserView> found = r.userId() != null && !r.userId().isBlank()
                ? users.findById(UUID.fromString(r.userId().trim()))
                : users.findByEmail(r.email());
        return found.onItem().ifNull().failWith(() -> ApiException.notFound("User"));
    }

    private static MemberView view(FestivalStore.MemberRow m, UserView u) {
        return new MemberView(m.festivalId(), m.userId(), Role.parse(m.role()), PersonView.of(u), m.addedBy(),
                m.createdAt());
    }
}
