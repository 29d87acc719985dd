package io.tandem.catalog;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.tandem.common.stock.StockClient;
import io.tandem.common.stock.StockLevel;
import io.tandem.common.stock.StockUnavailableException;

/**
 * The stock the catalog shows, read from the stock service (through its guarded {@link StockClient}) and kept
 * {@code catalog.stock-cache-ttl} (default 2 s) so a page of products is one call at most. When the stock service
 * does not answer, the catalog keeps answering: the last value it saw ({@code LAST_KNOWN}), or none
 * ({@code UNKNOWN}) for a product it never saw, so carts still open; orders are what check stock.
 */
final class StockView {
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(StockView.class.getName());

    /** Where levels come from: the stock service in production, a fixed map in unit tests. */
    @FunctionalInterface
    interface Source {
        Map<String, StockLevel> levels(Collection<String> ids);
    }

    enum Freshness { LIVE, LAST_KNOWN, UNKNOWN }

    /**
     * @param available units that can still be held, or null when unknown
     * @param freshness how it was known
     */
    record Shown(Integer available, Freshness freshness) {
    }

    private record Seen(int available, long at) {
    }

    private final Source source;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    StockView(Source source, Duration ttl, LongSupplier clock) {
        this.source = source;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** Stock of catalog products (ids the catalog knows, so the cache stays bounded by the catalog). */
    Map<String, Shown> stock(List<String> ids) {
        long now = clock.getAsLong();
        List<String> stale = ids.stream().filter(id -> {
            Seen s = seen.get(id);
            return s == null || now - s.at() > ttlMillis;
        }).distinct().toList();
        boolean failed = false;
        for (int from = 0; from < stale.size() && !failed; from += StockClient.MAX_IDS) {
            List<String> part = new ArrayList<>(stale.subList(from, Math.min(stale.size(), from + StockClient.MAX_IDS)));
            try {
                source.levels(part).forEach((id, level) -> seen.put(id, new Seen(level.available(), now)));
            } catch (StockUnavailableException e) {
                LOG.log(Level.DEBUG, "stock service unavailable, showing last known stock: " + e.getMessage());
                failed = true;
            }
        }
        Map<String, Shown> shown = new LinkedHashMap<>();
        for (String id : ids) {
            Seen s = seen.get(id);
            shown.put(id, s == null ? new Shown(null, Freshness.UNKNOWN)
                    : new Shown(s.available(), s.at() == now ? Freshness.LIVE
                            : now - s.at() <= ttlMillis ? Freshness.LIVE : Freshness.LAST_KNOWN));
        }
        return shown;
    }
}
