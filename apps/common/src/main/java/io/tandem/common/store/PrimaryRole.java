package io.tandem.common.store;

import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.common.config.Config;

import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.TandemFlags;

/**
 * Whether this cluster holds the primary role now: the one cluster that takes ATC and address writes. Read on every
 * primary-only request, so a flip of {@code primary_cluster} in Unleash moves the role without a restart.
 */
@FunctionalInterface
public interface PrimaryRole {
    /** Whether this cluster takes ATC and address writes now. */
    boolean held();

    /** A role fixed by config ({@code cluster.primary}): tests, and processes without a flags client. */
    static PrimaryRole fixed(boolean held) {
        return () -> held;
    }

    /**
     * The role as {@code primary_cluster} names it: held when the flag's variant is this cluster's name
     * ({@code cluster.name}). A cluster configured {@code cluster.primary: false} without a write store for the
     * role never holds it. Each change is logged once, so the log shows when a cluster took or gave up the role.
     *
     * @param root     root config
     * @param flags    this process's flags client
     * @param writable whether this cluster has a store to write primary data to ({@code db.primary} or
     *                 {@code db.promoted})
     * @return the role
     */
    static PrimaryRole of(Config root, Flags flags, boolean writable) {
        String cluster = root.get("cluster.name").asString().orElse("a");
        System.Logger log = System.getLogger(PrimaryRole.class.getName());
        AtomicBoolean last = new AtomicBoolean(root.get("cluster.primary").asBoolean().orElse(true));
        return () -> {
            boolean held = writable
                    && flags.variant(TandemFlags.PRIMARY_CLUSTER, FlagContext.empty()).id().equals(cluster);
            if (last.compareAndSet(!held, held)) {
                log.log(System.Logger.Level.WARNING, "Cluster " + cluster + (held
                        ? " now holds the primary role (primary_cluster=" + cluster + "): ATC and address writes taken here"
                        : " gave up the primary role: ATC and address writes refused here (421)"));
            }
            return held;
        };
    }
}
