package dev.festival.common.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the default reactive pool as Quarkus would, with one change Quarkus has no setting for: the
 * prepared-statement cache also keeps long statements. The Vert.x client caches (names and keeps
 * prepared on the server) only statements up to 2,048 characters; a longer one, such as the gate's
 * one-statement scan, is parsed, analysed and planned by PostgreSQL on every execution, which cost that
 * path about three times the database CPU of the same statement prepared once (bench/RESULTS.md).
 */
@ApplicationScoped
public class PgPoolTuning implements PgPoolCreator {
    @ConfigProperty(name = "festival.db.prepared-statement-cache-sql-limit", defaultValue = "32768")
    int sqlLimit;

    @Override
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(sqlLimit);
        }
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(input.pgConnectOptionsList().stream().map(o -> (io.vertx.sqlclient.SqlConnectOptions) o)
                        .toList())
                .using(input.vertx())
                .build();
    }
}
