package dev.festival.festivals;

import dev.festival.common.web.PathIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.money.Money;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.FestivalAccess;
import dev.festival.festivals.dto.CreateFestivalRequest;
import dev.festival.festivals.dto.FestivalStatsView;
import dev.festival.festivals.dto.FestivalView;
import dev.festival.festivals.dto.TicketCategorySummary;
import dev.festival.festivals.dto.PersonView;
import dev.festival.festivals.dto.UpdateFestivalRequest;
import dev.festival.users.UserService;
import dev.festival.users.dto.UserView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import dev.festival.common.events.BusinessEvents;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Festivals: the rules of creating, changing, publishing and listing them, and the public read cache. */
@ApplicationScoped
public class FestivalService {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int DEFAULT_CAPACITY = 10_000;

    @Inject
    BusinessEvents events;

    @Inject
    FestivalStore store;

    @Inject
    FestivalCache cache;

    @Inject
    FestivalAccess access;

    @Inject
    CurrentUser currentUser;

    @Inject
    UserService users;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<FestivalStatsContributor> statsContributors;

    @Inject
    Instance<TicketCategorySource> categorySource;

    // ------------------------------------------------------------------ reads for other features

    /** The festival (not deleted); 404 ERR_5001 when there is none. No access decision is made here. */
    public Uni<Festival> require(UUID id) {
        return store.findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("Festival"));
    }

    // ------------------------------------------------------------------ public reads (cached)

    /** The public list as JSON: drafts never, cancelled festivals only when the status filter asks for them. */
    public Uni<String> publicList(FestivalQuery q) {
        Set<FestivalStatus> statuses = EnumSet.noneOf(FestivalStatus.class);
        statuses.addAll(q.statuses() == null ? FestivalStatus.PUBLIC_DEFAULT : q.statuses());
        statuses.retainAll(FestivalStatus.PUBLICLY_VISIBLE);
        if (statuses.isEmpty()) {
            return Uni.createFrom().item(() -> toJson(Page.of(List.of(), 0, q.page())));
        }
        return cache.getOrLoad(q.featuredOnly() ? "featured" : "list", q.cacheKey(),
                () -> store.listFromReplica(q, statuses)
                        .flatMap(slice -> views(slice.rows()).map(v -> toJson(Page.of(v, slice.total(), q.page())))));
    }

    /**
     * A festival by id or slug as JSON. Public festivals come from the cache; a draft is shown
     * (uncached) only to its org (ADMIN, owner, ORGANIZER member), anyone else gets 404.
     */
    public Uni<String> publicDetail(String idOrSlug, boolean slugOnly) {
        UUID id = slugOnly ? null : PathIds.uuidOrNull(idOrSlug);
        String slug = idOrSlug.trim().toLowerCase(Locale.ROOT);
        String key = id != null ? "id:" + id : "slug:" + slug;
        AtomicReference<Festival> loaded = new AtomicReference<>();
        return cache.getOrLoad("detail", key, () -> find(id, slug).flatMap(f -> {
                    loaded.set(f);
                    return f != null && f.status().isPubliclyVisible()
                            ? toView(f).map(this::toJson) : Uni.createFrom().nullItem();
                }))
                .flatMap(cached -> {
                    if (cached != null) {
                        return Uni.createFrom().item(cached);
                    }
                    Festival f = loaded.get();
                    if (f == null) {
                        return Uni.createFrom().failure(ApiException.notFound("Festival"));
                    }
                    return callerIsOrg(f.id()).flatMap(org -> org
                            ? toView(f).map(this::toJson)
                            : Uni.createFrom().failure(ApiException.notFound("Festival")));
                });
    }

    private Uni<Festival> find(UUID id, String slug) {
        return id != null ? store.findById(id) : store.findBySlug(slug);
    }

    /** On a public endpoint the caller may be anonymous; an unusable token counts as anonymous here. */
    private Uni<Boolean> callerIsOrg(UUID festivalId) {
        return access.grantIfSignedIn(festivalId)
                .map(g -> g != null && g.isOrg())
                .onFailure(ApiException.class).recoverWithItem(false);
    }

    // ------------------------------------------------------------------ admin list

    /** Every status; ADMIN sees all festivals, anyone else those they own or co-organise. */
    public Uni<Page<FestivalView>> adminList(FestivalQuery q) {
        FestivalQuery scoped = new FestivalQuery(q.statuses(), q.search(), q.organizerId(), q.country(),
                q.startDateFrom(), q.startDateTo(), q.genre(), q.featuredOnly(), access.organizerScope(), false,
                q.page(), q.explicitSort());
        return store.list(scoped, q.statuses())
                .flatMap(slice -> views(slice.rows()).map(v -> Page.of(v, slice.total(), q.page())));
    }

    // ------------------------------------------------------------------ writes

    /** The caller becomes the owner. A taken explicit slug → 409; a generated one gets a suffix. */
    public Uni<FestivalView> create(CreateFestivalRequest r) {
        UUID owner = currentUser.id();
        String zone = r.timezone() == null ? FestivalTimes.DEFAULT_ZONE : FestivalTimes.zone(r.timezone());
        FestivalStatus status = r.status() == null ? FestivalStatus.DRAFT : FestivalStatus.parse(r.status());
        FestivalStore.NewFestival n = new FestivalStore.NewFestival(UUID.randomUUID(), r.name().trim(),
                r.description(), r.location().trim(), r.address(), trimToNull(r.country()),
                FestivalTimes.parse(r.startDate(), zone, false), FestivalTimes.parse(r.endDate(), zone, true), zone,
                r.currency() == null ? "EUR" : Money.currency(r.currency(), "currency"),
                r.maxCapacity() == null ? DEFAULT_CAPACITY : r.maxCapacity(), status, genres(r.genres()),
                currentUser.isAdmin() && Boolean.TRUE.equals(r.isFeatured()), r.logoUrl(), r.bannerUrl(),
                r.websiteUrl(), trimToNull(r.contactEmail()), owner);
        Uni<Festival> inserted;
        if (r.slug() != null) {
            String slug = Slugs.normalizeExplicit(r.slug());
            inserted = store.insert(n, slug).onItem().ifNull().failWith(() -> slugTaken(slug));
        } else {
            inserted = insertWithGeneratedSlug(n, Slugs.fromName(n.name()));
        }
        return inserted
                .call(cache::invalidate)
                .invoke(f -> event("created", f))
                .flatMap(this::toView);
    }

    private Uni<Festival> insertWithGeneratedSlug(FestivalStore.NewFestival n, String base) {
        return store.insert(n, base)
                .flatMap(f -> f != null ? Uni.createFrom().item(f)
                        : store.nextSlugNumber(base).flatMap(num -> store.insert(n, Slugs.withSuffix(base, "" + num))))
                // two creators racing for the same next number: fall back to random suffixes
                .flatMap(f -> f != null ? Uni.createFrom().item(f) : insertWithRandomSuffix(n, base, 5));
    }

    private Uni<Festival> insertWithRandomSuffix(FestivalStore.NewFestival n, String base, int attemptsLeft) {
        if (attemptsLeft == 0) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.CONFLICT,
                    "Could not find a free slug for this name; give one explicitly", Map.of("field", "slug")));
        }
        String suffix = Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
        return store.insert(n, Slugs.withSuffix(base, suffix))
                .flatMap(f -> f != null ? Uni.createFrom().item(f) : insertWithRandomSuffix(n, base, attemptsLeft - 1));
    }

    /** Partial update by ADMIN or the owner; local dates are read in the (new or stored) time zone. */
    public Uni<FestivalView> update(UUID id, UpdateFestivalRequest r) {
        return access.require(id, FestivalAccess.Level.OWNER)
                .flatMap(g -> zoneForDates(id, r))
                .flatMap(zone -> {
                    FestivalStatus status = FestivalStatus.parse(r.status());
                    FestivalStore.Changes c = new FestivalStore.Changes(trimToNull(r.name()),
                            r.slug() == null ? null : Slugs.normalizeExplicit(r.slug()), r.description(),
                            trimToNull(r.location()), r.address(), trimToNull(r.country()),
                            FestivalTimes.parse(r.startDate(), zone, false), FestivalTimes.parse(r.endDate(), zone, true),
                            r.timezone() == null ? null : FestivalTimes.zone(r.timezone()),
                            r.currency() == null ? null : Money.currency(r.currency(), "currency"), r.maxCapacity(),
                            r.genres() == null ? null : genres(r.genres()),
                            currentUser.isAdmin() ? r.isFeatured() : null, r.logoUrl(), r.bannerUrl(),
                            r.websiteUrl(), trimToNull(r.contactEmail()), status);
                    return store.update(id, c)
                            .onFailure(PgException.class).transform(e -> translate((PgException) e, c.slug()))
                            .flatMap(f -> f != null ? Uni.createFrom().item(f) : invalidTransition(id, status));
                })
                .call(cache::invalidate)
                .invoke(f -> event("updated", f))
                .flatMap(this::toView);
    }

    private Uni<String> zoneForDates(UUID id, UpdateFestivalRequest r) {
        if (r.timezone() != null) {
            return Uni.createFrom().item(FestivalTimes.zone(r.timezone()));
        }
        if (r.startDate() == null && r.endDate() == null) {
            return Uni.createFrom().item(FestivalTimes.DEFAULT_ZONE);
        }
        return require(id).map(Festival::timezone);
    }

    public Uni<FestivalView> publish(UUID id) {
        return transition(id, FestivalStatus.PUBLISHED, "published");
    }

    public Uni<FestivalView> unpublish(UUID id) {
        return transition(id, FestivalStatus.DRAFT, "unpublished");
    }

    public Uni<FestivalView> cancel(UUID id) {
        return transition(id, FestivalStatus.CANCELLED, "cancelled");
    }

    private Uni<FestivalView> transition(UUID id, FestivalStatus target, String eventName) {
        return access.require(id, FestivalAccess.Level.OWNER)
                .flatMap(g -> store.transition(id, target))
                .flatMap(f -> f != null ? Uni.createFrom().item(f) : invalidTransition(id, target))
                .call(cache::invalidate)
                .invoke(f -> event(eventName, f))
                .flatMap(this::toView);
    }

    private Uni<Festival> invalidTransition(UUID id, FestivalStatus target) {
        return store.findById(id).flatMap(current -> Uni.createFrom().failure(current == null
                ? ApiException.notFound("Festival")
                : new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                        "A " + current.status() + " festival cannot become " + target,
                        Map.of("status", current.status().name(), "targetStatus", target.name(),
                                "allowedFrom", target.allowedFrom().stream().map(Enum::name).sorted().toList()))));
    }

    /** Soft delete (ADMIN, decided by the endpoint's role); the slug stays reserved. */
    public Uni<Void> delete(UUID id) {
        return store.softDelete(id)
                .flatMap(deleted -> deleted ? cache.invalidate()
                        : Uni.createFrom().failure(ApiException.notFound("Festival")))
                .invoke(() -> {
                    events.record("festival.deleted", "festivalId", id, "by", currentUser.id());
                });
    }

    // ------------------------------------------------------------------ stats

    public Uni<FestivalStatsView> stats(UUID id) {
        return access.require(id, FestivalAccess.Level.OWNER)
                .flatMap(g -> require(id))
                .flatMap(f -> Multi.createFrom().iterable(statsContributors)
                        .onItem().transformToUniAndConcatenate(c -> c.contribute(id))
                        .collect().asList()
                        .map(parts -> statsOf(f, parts)));
    }

    private static FestivalStatsView statsOf(Festival f, List<FestivalStatsContributor.Part> parts) {
        long tickets = 0, revenue = 0, checkedIn = 0, accounts = 0, topups = 0, spent = 0, balance = 0;
        for (FestivalStatsContributor.Part p : parts) {
            if (p == null) {
                continue;
            }
            tickets += orZero(p.ticketsSold());
            revenue += orZero(p.revenueCents());
            checkedIn += orZero(p.checkedIn());
            accounts += orZero(p.walletAccounts());
            topups += orZero(p.walletTopupsCents());
            spent += orZero(p.walletSpentCents());
            balance += orZero(p.walletBalanceCents());
        }
        BigDecimal occupancy = BigDecimal.valueOf(f.currentAttendees() * 100L)
                .divide(BigDecimal.valueOf(f.maxCapacity()), 2, RoundingMode.HALF_UP).stripTrailingZeros();
        return new FestivalStatsView(f.id(), f.name(), f.currency(), tickets, Money.fromCents(revenue), checkedIn,
                f.currentAttendees(), f.maxCapacity(), occupancy.scale() < 0 ? occupancy.setScale(0) : occupancy,
                new FestivalStatsView.Wallet(accounts, Money.fromCents(topups), Money.fromCents(spent),
                        Money.fromCents(balance)));
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    // ------------------------------------------------------------------ views

    public Uni<FestivalView> toView(Festival f) {
        return users.findById(f.organizerId())
                .flatMap(u -> categories(List.of(f.id()))
                        .map(byFestival -> FestivalView.of(f, PersonView.of(u), byFestival.get(f.id()))));
    }

    /**
     * Drops the public festival reads from the cache: for other features whose data the festival
     * JSON shows (ticket categories), after their write has committed.
     */
    public Uni<Void> invalidatePublicCache() {
        return cache.invalidate();
    }

    /** ticketCategories of each festival, from the ticketing feature when it is there. */
    private Uni<Map<UUID, List<TicketCategorySummary>>> categories(List<UUID> festivalIds) {
        if (festivalIds.isEmpty() || !categorySource.isResolvable()) {
            return Uni.createFrom().item(Map.of());
        }
        return categorySource.get().summaries(festivalIds);
    }

    /** Organizers are looked up once each, one after the other (a reactive session runs one query at a time). */
    Uni<List<FestivalView>> views(List<Festival> festivals) {
        Set<UUID> ids = new LinkedHashSet<>();
        festivals.forEach(f -> ids.add(f.organizerId()));
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(users::findById)
                .collect().asList()
                .flatMap(found -> categories(festivals.stream().map(Festival::id).toList())
                        .map(cats -> {
                    Map<UUID, PersonView> byId = new HashMap<>();
                    for (UserView u : found) {
                        if (u != null) {
                            byId.put(u.id(), PersonView.of(u));
                        }
                    }
                    List<FestivalView> out = new ArrayList<>(festivals.size());
                    festivals.forEach(f -> out.add(FestivalView.of(f, byId.get(f.organizerId()), cats.get(f.id()))));
                    return out;
                }));
    }

    // ------------------------------------------------------------------ helpers

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("festival JSON", e);
        }
    }

    private void event(String name, Festival f) {
        events.record("festival." + name, "festivalId", f.id(), "slug", f.slug(), "status", f.status(),
                "by", currentUser.id());
    }

    private static ApiException slugTaken(String slug) {
        return new ApiException(ErrorCode.CONFLICT, "A festival with this slug already exists",
                Map.of("field", "slug", "value", slug));
    }

    /** Constraint failures the database decides (race-safe), as the API's 409 and 400 answers. */
    private static Throwable translate(PgException e, String slug) {
        if ("23505".equals(e.getSqlState())) {
            return slugTaken(slug);
        }
        if ("23514".equals(e.getSqlState()) && e.getMessage() != null && e.getMessage().contains("festivals_dates")) {
            return ApiException.invalidField("endDate", "must be after startDate");
        }
        return e;
    }

    private static List<String> genres(List<String> in) {
        if (in == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        in.forEach(g -> {
            if (g != null && !g.isBlank()) {
                out.add(g.trim());
            }
        });
        return List.copyOf(out);
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    /** A path id that is not a UUID names no festival: 404 ERR_5001 (API.md "Conventions"). */
    public static UUID festivalId(String raw) {
        return PathIds.orNotFound(raw, "Festival");
    }

    static PageRequest pageOf(String page, String limit, String offset, String sort, String sortBy, String sortOrder) {
        return PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder, FestivalStore.SORTABLE.keySet(),
                "startDate", true);
    }
}
