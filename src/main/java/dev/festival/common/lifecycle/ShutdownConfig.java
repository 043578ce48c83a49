package dev.festival.common.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code festival.shutdown.*}: what a SIGTERM does (see {@link GracefulShutdown}). */
@ConfigMapping(prefix = "festival.shutdown")
public interface ShutdownConfig {
    /**
     * After SIGTERM the pod is not ready but keeps serving everything this long, while Kubernetes and
     * the ingress stop routing to it ({@code FESTIVAL_SHUTDOWN_DELAY}).
     */
    @WithDefault("5s")
    Duration delay();

    /**
     * Then in-flight requests (HTTP, and Socket.IO requests awaiting their acknowledgement) get at
     * most this long to finish before the process stops ({@code FESTIVAL_SHUTDOWN_GRACE}).
     * delay + grace must stay below the pod's {@code terminationGracePeriodSeconds}.
     */
    @WithDefault("30s")
    Duration grace();
}
