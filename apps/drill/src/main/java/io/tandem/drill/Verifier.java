package io.tandem.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks a run from the order databases and Kafka, not from the generator's counters. */
public final class Verifier {
    private static final long RETRY_MS = 1000;
    private final Env env;
    private final Databases dbs;
    private final ConfirmedTopic topic;
    private final StockCheck stock;

    public Verifier(Env env) {
        this.env = env;
        this.dbs = new Databases(env);
        this.stock = new StockCheck(env);
        this.topic = new ConfirmedTopic(env.get("kafka.bootstrap"));
    }

    /**
     * @param userPrefix the run's user ids start with this
     * @param accepted   order numbers the shop answered 202 for
     * @param since      the run's start (epoch millis), for charges
     * @param settle     how long orders may take to reach a final state and Kafka after the load stopped
     */
    public Verification verify(String userPrefix, Collection<String> accepted, long since, Duration settle) {
        long deadline = System.currentTimeMillis() + settle.toMillis();
        List<String> problems = new ArrayList<>();
        List<OrderRow> rows = settleOrders(userPrefix, accepted, deadline, problems);
        Map<String, List<OrderRow>> byNumber = rows.stream().collect(Collectors.groupingBy(OrderRow::orderNumber));

        int lost = 0;
        for (String number : new HashSet<>(accepted)) {
            List<OrderRow> found = byNumber.get(number);
            if (found == null) {
                lost++;
                problems.add("lost: accepted order " + number + " is in no order database");
            } else if (found.stream().noneMatch(OrderRow::done)) {
                lost++;
                problems.add("lost: accepted order " + number + " stuck in " + found.get(0).status());
            }
        }
        for (OrderRow row : rows) {
            if (!row.done() && !accepted.contains(row.orderNumber())) {
                lost++;
                problems.add("lost: order " + row.orderNumber() + " (no 202 seen) stuck in " + row.status());
            }
        }
        int duplicated = 0;
        for (var e : byNumber.entrySet()) {
            if (e.getValue().size() > 1) {
                duplicated++;
                problems.add("duplicated: order number " + e.getKey() + " held " + e.getValue().size() + " times");
            }
        }
        // A session is one user: it may end with one order that did not fail (a failed one, PRICE_CHANGED or a
        // declined card, may be followed by another of the same cart), never two.
        Map<String, Long> livePerUser = rows.stream().filter(r -> !r.status().equals("FAILED"))
                .collect(Collectors.groupingBy(OrderRow::userId, Collectors.counting()));
        for (var e : livePerUser.entrySet()) {
            if (e.getValue() > 1) {
                duplicated++;
                problems.add("duplicated: session " + e.getKey() + " made " + e.getValue() + " orders that did not fail");
            }
        }
        int split = 0;
        for (OrderRow row : rows) {
            if (row.split()) {
                split++;
                problems.add("split: order " + row.orderNumber() + " made on " + row.cluster() + ", session "
                        + row.sessionCluster() + ", cart " + row.cartCluster());
            }
        }
        Set<String> confirmed = rows.stream().filter(r -> r.status().equals("CONFIRMED")).map(OrderRow::orderNumber)
                .collect(Collectors.toSet());
        Map<String, Integer> onKafka = settleKafka(confirmed, deadline);
        for (String number : confirmed) {
            int n = onKafka.getOrDefault(number, 0);
            if (n == 0) {
                lost++;
                problems.add("lost: confirmed order " + number + " is not on " + ConfirmedTopic.TOPIC);
            } else if (n > 1) {
                duplicated++;
                problems.add("duplicated: order " + number + " is on " + ConfirmedTopic.TOPIC + " " + n + " times");
            }
        }
        int orphans = checkCharges(byNumber.keySet(), since, problems);
        duplicated += (int) problems.stream().filter(p -> p.startsWith("charged twice")).count();
        CheckoutCheck.Result checkout = new CheckoutCheck(env, dbs).check(rows, problems);
        return new Verification(byNumber.size(), confirmed.size(), lost, duplicated, split, orphans,
                checkout.offCart(), checkout.foreignAddress(), problems, stock.check(rows));
    }

    private List<OrderRow> settleOrders(String userPrefix, Collection<String> accepted, long deadline, List<String> problems) {
        while (true) {
            List<OrderRow> rows = new ArrayList<>();
            List<String> unreachable = new ArrayList<>();
            for (String db : dbs.orderDbs().keySet()) {
                try {
                    rows.addAll(dbs.orders(db, userPrefix));
                } catch (Exception e) {
                    unreachable.add("db-" + db + ": " + e.getMessage());
                }
            }
            Set<String> numbers = rows.stream().map(OrderRow::orderNumber).collect(Collectors.toSet());
            boolean settled = unreachable.isEmpty() && rows.stream().allMatch(OrderRow::done) && numbers.containsAll(accepted);
            if (settled || System.currentTimeMillis() > deadline) {
                unreachable.forEach(u -> problems.add("unreachable: " + u));
                return rows;
            }
            pause();
        }
    }

    private Map<String, Integer> settleKafka(Set<String> confirmed, long deadline) {
        while (true) {
            Map<String, Integer> counts;
            try {
                counts = topic.count(confirmed);
            } catch (Exception e) {
                counts = new HashMap<>();
            }
            if (counts.keySet().containsAll(confirmed) || System.currentTimeMillis() > deadline) {
                return counts;
            }
            pause();
        }
    }

    private int checkCharges(Set<String> orderNumbers, long since, List<String> problems) {
        Map<String, Integer> charges = new HashMap<>();
        for (String db : dbs.orderDbs().keySet()) {
            try {
                Map<String, Integer> here = dbs.charges(db, since);
                here.forEach((n, c) -> {
                    if (c > 1) {
                        problems.add("charged twice: order " + n + " has " + c + " succeeded charges in db-" + db);
                    }
                });
                List<String> known = dbs.existing(db, List.copyOf(here.keySet()));
                here.keySet().stream().filter(n -> !known.contains(n)).forEach(n -> charges.merge(n, 1, Integer::sum));
            } catch (Exception e) {
                problems.add("unreachable: payments of db-" + db + ": " + e.getMessage());
            }
        }
        charges.keySet().forEach(n -> problems.add("orphan charge: " + n + " has no order in its database"));
        return charges.size();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
