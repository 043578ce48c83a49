package dev.festival.common.db;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The pool for reads that may lag the primary by a few seconds: the read replica (the reactive
 * datasource {@code replica}) when its URL is configured ({@code FESTIVAL_DB_REPLICA_URL}), else the
 * primary pool. For analytics and the public lists that are cached anyway; never for a read that must
 * see a write just made (the caller's own change, a balance, a quota). The replica's sessions are
 * read-only ({@code default_transaction_read_only}), so a write sent there fails instead of diverging.
 */
@ApplicationScoped
public class ReadReplica {
    private static final Logger LOG = Logger.getLogger(ReadReplica.class);

    @Inject
    Pool primary;

    @Inject
    @ReactiveDataSource("replica")
    InjectableInstance<Pool> replica;

    private Pool pool;
    private boolean configured;

    @PostConstruct
    void init() {
        // an unconfigured datasource is inactive: it opens no connection and is never injected directly
        List<Pool> active = replica.listActive();
        configured = !active.isEmpty();
        pool = configured ? active.get(0) : primary;
        LOG.infof("analytics and public lists read from %s", configured ? "the read replica" : "the primary");
    }

    /** The replica's pool, or the primary's when no replica is configured. */
    public Pool pool() {
        return pool;
    }

    /** True when reads go to a separate replica. */
    public boolean configured() {
        return configured;
    }
}
