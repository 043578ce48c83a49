package dev.festival.common.lifecycle;

import java.time.Instant;

/**
 * Something holding long-lived connections that a shutdown must close itself (Socket.IO sessions):
 * {@link GracefulShutdown} asks it to go away once the shutdown delay has passed, then waits until it
 * is drained (or the grace period ends).
 */
public interface Drainable {
    /** Stop taking new work; close each connection once it has nothing in flight, all by {@code deadline}. */
    void goAway(Instant deadline);

    /** True once nothing is left open. */
    boolean drained();
}
