package io.tandem.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * How long a flag change takes to reach shoppers: from a mark (the click), a new cart is sent to every cluster every
 * {@link #TICK_MS}, up to {@link #MAX_IN_FLIGHT} at once (so one slow answer does not stall the sampling), until each
 * cluster has answered {@link #CONFIRMATIONS} carts in a row as wanted. A cluster's figure is when the first cart of
 * that row was sent: from then on new carts are priced the new way. That measures the flag's way to pricing (Unleash,
 * the cluster's poll), not the cart's own latency, which on a busy machine is a few hundred ms by itself; the answer
 * times are printed beside it. The slowest cluster's figure is the result's.
 */
final class Propagation {
    /** Between carts to one cluster: 20 a second, the sampling's resolution. */
    static final long TICK_MS = 50;
    /** Carts in flight to one cluster at most: on a busy machine the sampling must not add to the load it measures. */
    static final int MAX_IN_FLIGHT = 3;
    /** Carts in a row that must be priced as wanted, so a cluster flipping back and forth does not count. */
    static final int CONFIRMATIONS = 3;

    /** One cart: when it was sent and answered (ms after the mark) and its price. */
    record Sample(long sentMs, long answeredMs, CartPricer.Price price) {
    }

    /**
     * @param byCluster each cluster's first cart of the wanted row (absent: none)
     * @param last      the last answered cart of each cluster
     * @param carts     carts sent
     * @param clusters  clusters sampled
     */
    record Result(Map<Character, Sample> byCluster, Map<Character, Sample> last, int carts, int clusters) {
        boolean reached() {
            return clusters > 0 && byCluster.size() == clusters;
        }

        /** The slowest cluster's figure: ms from the mark to the sending of its first cart of the wanted row. */
        long millis() {
            return byCluster.values().stream().mapToLong(Sample::sentMs).max().orElse(-1);
        }

        /** When the slowest cluster's first wanted cart was answered (ms after the mark): what a shopper waited. */
        long answeredMillis() {
            return byCluster.values().stream().mapToLong(Sample::answeredMs).max().orElse(-1);
        }

        String perCluster() {
            StringBuilder text = new StringBuilder();
            byCluster.forEach((c, s) -> text.append(text.isEmpty() ? "" : ", ").append(c).append(" sent +")
                    .append(s.sentMs()).append(" answered +").append(s.answeredMs()).append(" ms"));
            return text.isEmpty() ? "none" : text.toString();
        }

        List<CartPricer.Price> lastPrices() {
            return last.values().stream().map(Sample::price).toList();
        }
    }

    private Propagation() {
    }

    static Result await(CartPricer pricer, Predicate<CartPricer.Price> wanted, long markNanos, Duration giveUp) {
        List<Character> clusters = pricer.clusterList();
        List<List<CompletableFuture<Sample>>> sent = new ArrayList<>();
        clusters.forEach(c -> sent.add(new ArrayList<>()));
        Result result = new Result(Map.of(), Map.of(), 0, clusters.size());
        int carts = 0;
        while (millisSince(markNanos) < giveUp.toMillis()) {
            for (int i = 0; i < clusters.size(); i++) {
                if (sent.get(i).stream().filter(f -> !f.isDone()).count() >= MAX_IN_FLIGHT) {
                    continue;
                }
                char cluster = clusters.get(i);
                long sentMs = millisSince(markNanos);
                sent.get(i).add(pricer.priceAsync(cluster).thenApply(p -> new Sample(sentMs, millisSince(markNanos), p)));
                carts++;
            }
            result = evaluate(clusters, sent, wanted, carts);
            if (result.reached()) {
                break;
            }
            sleep(TICK_MS);
        }
        // carts still in flight end here, so they do not overlap the next step of the scenario
        sent.forEach(list -> list.forEach(CompletableFuture::join));
        return result.reached() ? result : evaluate(clusters, sent, wanted, carts);
    }

    /** Per cluster, in the order sent: the first cart of a row of CONFIRMATIONS answered as wanted, if any. */
    private static Result evaluate(List<Character> clusters, List<List<CompletableFuture<Sample>>> sent,
                                   Predicate<CartPricer.Price> wanted, int carts) {
        Map<Character, Sample> first = new TreeMap<>();
        Map<Character, Sample> last = new TreeMap<>();
        for (int i = 0; i < clusters.size(); i++) {
            Sample rowStart = null;
            int row = 0;
            for (CompletableFuture<Sample> f : sent.get(i)) {
                if (!f.isDone()) {
                    break; // only an unbroken prefix of answered carts counts
                }
                Sample s = f.join();
                last.put(clusters.get(i), s);
                boolean ok = wanted.test(s.price());
                rowStart = ok ? (row == 0 ? s : rowStart) : null;
                row = ok ? row + 1 : 0;
                if (row >= CONFIRMATIONS) {
                    first.put(clusters.get(i), rowStart);
                    break;
                }
            }
        }
        return new Result(first, last, carts, clusters.size());
    }

    private static long millisSince(long markNanos) {
        return (System.nanoTime() - markNanos) / 1_000_000;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
