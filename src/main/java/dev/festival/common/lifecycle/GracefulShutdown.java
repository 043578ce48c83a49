package dev.festival.common.lifecycle;

import dev.festival.common.error.ErrorCode;
import dev.festival.common.error.ErrorResponses;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * SIGTERM, as Kubernetes stops a pod:
 * <ol>
 * <li>readiness goes DOWN at once (the {@code shutdown} check) while the pod keeps serving everything
 *     for {@code festival.shutdown.delay}: the time Kubernetes and the ingress take to stop routing here;</li>
 * <li>then responses carry {@code Connection: close}, the Socket.IO server goes away (its connections close
 *     with 1001 as soon as their requests are acknowledged) and in-flight HTTP requests (a wallet charge, a
 *     gate scan) are given up to {@code festival.shutdown.grace} to finish;</li>
 * <li>then Quarkus stops (HTTP server, pools) and the process exits.</li>
 * </ol>
 * All of it runs in Quarkus' pre-shutdown phase, before anything is closed (the observer blocks the
 * shutdown thread, never an event loop). Quarkus' own {@code quarkus.shutdown.timeout} is not used: it
 * counts a WebSocket upgrade as a request that never ends and would hold every shutdown to its limit.
 * HTTP requests are counted here instead, upgrades excepted.
 */
@ApplicationScoped
public class GracefulShutdown {
    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    @Inject
    ShutdownConfig config;

    @Inject
    Instance<Drainable> drainables;

    /** The HTTP requests being answered, with the Vert.x context each runs on. */
    private final Map<RoutingContext, Context> inFlight = new ConcurrentHashMap<>();
    private volatile boolean draining;
    private volatile boolean closing;

    void install(@Observes Router router) {
        // first of all routes: every HTTP request, REST or not, is counted until its response is done
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
                ctx.next(); // a connection for hours, drained by its Drainable, not a request
                return;
            }
            Context context = Vertx.currentContext(); // the request's event loop (never null in a route)
            if (context != null) {
                inFlight.put(ctx, context);
                ctx.addEndHandler(done -> inFlight.remove(ctx));
            }
            if (closing && ctx.request().version() == HttpVersion.HTTP_1_1) {
                ctx.response().putHeader("Connection", "close");
            }
            ctx.next();
        });
    }

    /** True from SIGTERM on: readiness is DOWN. */
    public boolean draining() {
        return draining;
    }

    /** HTTP requests being answered now (WebSocket connections not counted). */
    public int inFlight() {
        return inFlight.size();
    }

    /** Pre-shutdown (quarkus.shutdown.delay-enabled): runs on the shutdown thread and holds it. */
    void onSigterm(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        Duration delay = config.delay();
        Duration grace = config.grace();
        LOG.infof("shutting down: not ready; serving %d ms more, then up to %d ms for in-flight requests",
                delay.toMillis(), grace.toMillis());
        try {
            Thread.sleep(delay.toMillis());
            closing = true;
            Instant deadline = Instant.now().plus(grace);
            for (Drainable d : drainables) {
                d.goAway(deadline);
            }
            long started = System.nanoTime();
            while (Instant.now().isBefore(deadline) && !(inFlight.isEmpty() && allDrained())) {
                Thread.sleep(20);
            }
            long waited = (System.nanoTime() - started) / 1_000_000;
            if (inFlight.isEmpty() && allDrained()) {
                LOG.infof("in-flight requests finished in %d ms: stopping", waited);
            } else {
                LOG.warnf("%d HTTP requests still in flight after the %d ms grace: answered 503, stopping",
                        inFlight.size(), grace.toMillis());
                giveUp();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The requests still running when the grace ends are answered 503 ERR_1006 and their connections
     * closed, rather than cut without an answer: the client retries elsewhere (an Idempotency-Key makes
     * a charge that did commit answer the same on the retry).
     */
    private void giveUp() throws InterruptedException {
        for (Map.Entry<RoutingContext, Context> e : List.copyOf(inFlight.entrySet())) {
            RoutingContext ctx = e.getKey();
            e.getValue().runOnContext(v -> {
                if (!ctx.response().ended() && !ctx.response().closed()) {
                    if (ctx.request().version() == HttpVersion.HTTP_1_1) {
                        ctx.response().putHeader("Connection", "close"); // a header HTTP/2 forbids
                    }
                    ctx.response().putHeader("Retry-After", "1");
                    ErrorResponses.write(ctx, ErrorCode.SERVICE_UNAVAILABLE, "Server shutting down: retry the request", null);
                }
            });
        }
        long until = System.nanoTime() + 1_000_000_000L;
        while (!inFlight.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    private boolean allDrained() {
        for (Drainable d : drainables) {
            if (!d.drained()) {
                return false;
            }
        }
        return true;
    }
}
