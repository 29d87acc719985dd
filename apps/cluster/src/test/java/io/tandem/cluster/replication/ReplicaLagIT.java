package io.tandem.cluster.replication;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.tandem.common.store.Stores;
import io.tandem.common.testing.TestEnv;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

/**
 * On the real db-a and its replica: heartbeats written on the primary keep the lag seen on the replica under
 * a couple of seconds; when they stop, the lag the replica shows grows. Uses its own heartbeat row, so the
 * environment's clusters (which write row 'a') do not interfere.
 */
class ReplicaLagIT {
    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final TestEnv env = TestEnv.require();
    private final String source = "it" + UUID.randomUUID().toString().substring(0, 5);
    private final Stores primaryStores = Stores.create(env.clusterConfig("a", Map.of()));
    private final Stores replicaStores = Stores.create(env.clusterConfig("b", Map.of()));

    @AfterEach
    void cleanUp() {
        primaryStores.primary().orElseThrow().execute().dml("DELETE FROM heartbeat WHERE cluster = ?", source);
        primaryStores.close();
        replicaStores.close();
    }

    @Test
    void lagStaysSmallWhileHeartbeatsFlowAndGrowsWhenTheyStop() throws InterruptedException {
        ReplicaLagMonitor writer = new ReplicaLagMonitor(Clock.systemUTC(), source, primaryStores.primary(),
                primaryStores.reads(), INTERVAL);
        ReplicaLagMonitor replicaReader = new ReplicaLagMonitor(Clock.systemUTC(), source,
                java.util.Optional.empty(), replicaStores.reads(), INTERVAL);
        Thread.sleep(1500);
        double flowing = replicaReader.lagSeconds();
        assertThat("lag seen on the replica while heartbeats flow", flowing, lessThan(2.0));

        writer.close();
        Thread.sleep(3000);
        double stopped = replicaReader.lagSeconds();
        assertThat("lag seen on the replica after heartbeats stopped", stopped, greaterThan(2.5));
        replicaReader.close();
    }

    @Test
    void aClusterWithoutThePrimaryRoleWritesNoHeartbeat() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(false);
        ReplicaLagMonitor writer = new ReplicaLagMonitor(Clock.systemUTC(), source, primaryStores.primary(),
                held::get, primaryStores.reads(), INTERVAL);
        Thread.sleep(1000);
        assertThat("no role, no heartbeat", Double.isNaN(writer.lagSeconds()), org.hamcrest.Matchers.is(true));
        held.set(true);
        Thread.sleep(1000);
        assertThat("the role taken: heartbeats", writer.lagSeconds(), lessThan(2.0));
        writer.close();
    }
}
