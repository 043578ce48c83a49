package dev.festival.common.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Without FESTIVAL_DB_REPLICA_URL the replica datasource is inactive and reads go to the primary. */
@QuarkusTest
class ReadReplicaFallbackTest {
    @Inject
    ReadReplica replica;

    @Inject
    Pool primary;

    @Test
    void withoutAReplicaReadsUseThePrimaryPool() {
        assertFalse(replica.configured());
        assertSame(primary.getDelegate(), replica.pool().getDelegate());
    }
}
