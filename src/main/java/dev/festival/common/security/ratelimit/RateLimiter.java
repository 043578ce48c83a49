package dev.festival.common.security.ratelimit;

import static dev.festival.common.web.CallerContext.onCallerContext;

import dev.festival.common.logging.ThrottledWarning;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fixed-window counters in Redis, shared by every pod. One check is one Redis round trip: a Lua
 * script (EVALSHA) increments (or only reads) every counter of the request and gives each one's count
 * and remaining time, setting the window's expiry on first use. Redis down or slow: the request goes
 * through (fail open), a WARN is logged at most every ten seconds and
 * {@code festival_rate_limit_fail_open_total} counts it.
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /**
     * KEYS: the counters; ARGV[1]: the increment (0 reads only), then window in ms per key.
     * Answers count and remaining ms for each key.
     */
    static final String SCRIPT = """
            local cost = tonumber(ARGV[1])
            local out = {}
            for i, key in ipairs(KEYS) do
              local window = tonumber(ARGV[i + 1])
              local count
              if cost > 0 then
                count = redis.call('INCRBY', key, cost)
              else
                count = tonumber(redis.call('GET', key) or '0')
              end
              local ttl = redis.call('PTTL', key)
              if ttl < 0 then
                if count > 0 then
                  redis.call('PEXPIRE', key, window)
                  ttl = window
                else
                  ttl = 0
                end
              end
              out[#out + 1] = count
              out[#out + 1] = ttl
            end
            return out""";

    /** One counter: its name (without prefix), the requests allowed per window, and the window. */
    public record Bucket(String name, int limit, Duration window) {}

    /** The outcome for the most constrained counter of a check. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, String bucket) {
        static final Decision UNLIMITED = new Decision(true, -1, -1, 0, null);

        public boolean limited() {
            return limit >= 0;
        }
    }

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RateLimitConfig config;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "festival.db.schema")
    String schema;

    private volatile boolean enabled;
    private String prefix;
    private String scriptSha;
    private Counter failOpen;
    private final ThrottledWarning warning = new ThrottledWarning(LOG, Duration.ofSeconds(10));

    @PostConstruct
    void init() {
        enabled = config.enabled();
        prefix = config.keyPrefix() + ":" + schema + ":";
        scriptSha = sha1(SCRIPT);
        failOpen = Counter.builder("festival.rate.limit.fail.open")
                .description("Rate-limit checks let through because Redis was down or slow")
                .register(registry);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Switches every limit on or off at run time (tests; an operator through a restart via config). */
    public void setEnabled(boolean on) {
        enabled = on;
    }

    /** Counts one request against every bucket; refused when any of them is over its limit. */
    public Uni<Decision> hit(List<Bucket> buckets) {
        return run(buckets, 1, false);
    }

    /**
     * Reads the buckets without counting: refused when any has already reached its limit (the next
     * counted event would exceed it). For limits on failures, counted afterwards with {@link #hit}.
     */
    public Uni<Decision> peek(List<Bucket> buckets) {
        return run(buckets, 0, true);
    }

    private Uni<Decision> run(List<Bucket> buckets, int cost, boolean peek) {
        if (!enabled || buckets.isEmpty()) {
            return Uni.createFrom().item(Decision.UNLIMITED);
        }
        List<String> args = new ArrayList<>(buckets.size() * 2 + 3);
        args.add(scriptSha);
        args.add(String.valueOf(buckets.size()));
        for (Bucket b : buckets) {
            args.add(prefix + b.name());
        }
        args.add(String.valueOf(cost));
        for (Bucket b : buckets) {
            args.add(String.valueOf(Math.max(1, b.window().toMillis())));
        }
        String[] evalSha = args.toArray(String[]::new);
        // the script by its hash (Redis keeps it); loaded with EVAL the first time a Redis has not seen it
        Uni<Decision> call = redis.execute("EVALSHA", evalSha)
                .onFailure(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(e -> {
                    String[] eval = evalSha.clone();
                    eval[0] = SCRIPT;
                    return redis.execute("EVAL", eval);
                })
                .map(response -> decide(buckets, response, peek))
                .ifNoItem().after(config.redisTimeout()).fail()
                .onFailure().recoverWithItem(e -> {
                    failOpen.increment();
                    warning.warn("rate limiter: Redis unavailable (%s); requests let through", e);
                    return Decision.UNLIMITED;
                });
        return onCallerContext(call);
    }

    static Decision decide(List<Bucket> buckets, Response response, boolean peek) {
        Decision worst = null;
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            long count = response.get(2 * i).toLong();
            long ttlMs = response.get(2 * i + 1).toLong();
            boolean over = peek ? count >= b.limit() : count > b.limit();
            int remaining = (int) Math.max(0, b.limit() - count);
            long reset = Math.max(1, (ttlMs + 999) / 1000);
            Decision d = new Decision(!over, b.limit(), remaining, reset, b.name());
            worst = worst == null ? d : tighter(worst, d);
        }
        return worst == null ? Decision.UNLIMITED : worst;
    }

    /** A refusal wins over a pass; between refusals the longer wait; between passes the fewer remaining. */
    private static Decision tighter(Decision a, Decision b) {
        if (a.allowed() != b.allowed()) {
            return a.allowed() ? b : a;
        }
        if (!a.allowed()) {
            return b.resetSeconds() > a.resetSeconds() ? b : a;
        }
        return b.remaining() < a.remaining() ? b : a;
    }

    /** A bucket name part for free text (an email, a path): short, fixed length, no secrets in Redis. */
    public static String digest(String value) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
