package dev.festival.realtime.engineio;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/** The Netty event loop the calling code runs on, so that writes to a connection stay on its own loop. */
public final class EventLoops {
    private EventLoops() {
    }

    /** The current Vert.x event loop, or null when not called on one (a worker, a timer thread, a test). */
    public static EventLoop current() {
        Context context = Vertx.currentContext();
        return context instanceof ContextInternal internal && context.isEventLoopContext()
                && internal.nettyEventLoop().inEventLoop() ? internal.nettyEventLoop() : null;
    }
}
