package dev.festival.common.security.ratelimit;

import dev.festival.common.security.ApiKeyGrant;
import dev.festival.common.security.ApiKeyHeaders;
import dev.festival.common.web.ClientAddress;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Applies the limits of a REST request in one Redis round trip: the global per-address ceiling,
 * the path rules of {@code festival.rate-limit.paths}, the endpoint's {@link RateLimit}, and the
 * tier of the API key it is authenticated with. Over any of them: 429 ERR_1005 before the endpoint
 * runs. The tightest counter is reported in X-RateLimit-* headers on the answer.
 */
public class RateLimitFilter {
    static final String DECISION = "festival.rate-limit.decision";

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitConfig config;

    @Inject
    CurrentIdentityAssociation identities;

    private record Rule(String name, int limit, Duration window, Set<RateLimit.Per> per) {}

    private record PathRule(Rule rule, String path, boolean prefix, Set<String> methods) {
        boolean matches(String method, String requestPath) {
            return methods.contains(method) && (prefix ? requestPath.startsWith(path) : requestPath.equals(path));
        }
    }

    private final Map<Method, Optional<Rule>> endpointRules = new ConcurrentHashMap<>();
    private List<PathRule> pathRules;
    private Map<String, RateLimitConfig.Limit> tiers;

    @PostConstruct
    void init() {
        List<PathRule> rules = new ArrayList<>();
        config.paths().forEach((name, r) -> {
            String path = r.path().trim();
            boolean prefix = path.endsWith("*");
            rules.add(new PathRule(new Rule("path:" + name, r.limit(), r.window(), Set.copyOf(r.per())),
                    prefix ? path.substring(0, path.length() - 1) : path, prefix,
                    r.methods().stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet())));
        });
        pathRules = List.copyOf(rules);
        tiers = config.apiKeyTiers().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext ctx, ResourceInfo info, HttpServerRequest request) {
        if (!limiter.enabled()) {
            return Uni.createFrom().nullItem();
        }
        String ip = ClientAddress.of(request);
        String method = request.method().name();
        List<Rule> rules = new ArrayList<>(2);
        for (PathRule p : pathRules) {
            if (p.matches(method, request.path())) {
                rules.add(p.rule());
            }
        }
        endpointRule(info).ifPresent(rules::add);
        boolean needsIdentity = rules.stream().anyMatch(r -> r.per().contains(RateLimit.Per.USER))
                || ApiKeyHeaders.present(request);
        Uni<SecurityIdentity> identity = needsIdentity
                ? identities.getDeferredIdentity().onFailure().recoverWithNull()
                : Uni.createFrom().nullItem();
        return identity.flatMap(id -> {
            List<RateLimiter.Bucket> buckets = new ArrayList<>(4);
            RateLimitConfig.Limit global = config.globalPerIp();
            if (global.limit() > 0) {
                buckets.add(new RateLimiter.Bucket("ip:" + ip, global.limit(), global.window()));
            }
            String account = account(id);
            for (Rule r : rules) {
                for (RateLimit.Per per : r.per()) {
                    String who = per == RateLimit.Per.USER && account != null ? "user:" + account : "ip:" + ip;
                    RateLimiter.Bucket b = new RateLimiter.Bucket(r.name() + ":" + who, r.limit(), r.window());
                    if (!buckets.contains(b)) {
                        buckets.add(b);
                    }
                }
            }
            ApiKeyGrant key = ApiKeyGrant.of(id);
            if (key != null) {
                RateLimitConfig.Limit tier = tiers.getOrDefault(key.tier(), tiers.get("FREE"));
                if (tier != null) {
                    buckets.add(new RateLimiter.Bucket("key:" + key.keyId(), tier.limit(), tier.window()));
                }
            }
            return limiter.hit(buckets);
        }).map(decision -> {
            if (!decision.allowed()) {
                throw new RateLimitedException(decision);
            }
            ctx.setProperty(DECISION, decision);
            return null;
        });
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        // a refusal (login throttle) already carries its own counter's headers
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision d
                && !response.getHeaders().containsKey(RateLimitHeaders.LIMIT)) {
            RateLimitHeaders.put(response.getHeaders(), d);
        }
    }

    private Optional<Rule> endpointRule(ResourceInfo info) {
        Method m = info == null ? null : info.getResourceMethod();
        if (m == null) {
            return Optional.empty();
        }
        return endpointRules.computeIfAbsent(m, RateLimitFilter::ruleOf);
    }

    private static Optional<Rule> ruleOf(Method m) {
        RateLimit a = m.getAnnotation(RateLimit.class);
        if (a == null) {
            a = m.getDeclaringClass().getAnnotation(RateLimit.class);
        }
        if (a == null) {
            return Optional.empty();
        }
        String name = a.name().isBlank() ? m.getDeclaringClass().getSimpleName() + "." + m.getName() : a.name();
        return Optional.of(new Rule("ep:" + name, a.limit(), DurationConverter.parseDuration(a.window()),
                Set.of(a.per())));
    }

    /** The account a request counts against: the token's subject or the API key's creator. */
    private static String account(SecurityIdentity id) {
        if (id == null || id.isAnonymous()) {
            return null;
        }
        ApiKeyGrant key = ApiKeyGrant.of(id);
        if (key != null) {
            return key.userId().toString();
        }
        String subject = id.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : id.getPrincipal().getName();
        try {
            return subject == null ? null : UUID.fromString(subject).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
