package io.tandem.order.number;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

class OrderNumberGeneratorTest {
    private static final int PER_LIFE = 600_000;
    private static final int LIVES = 3;

    @TempDir
    Path dir;

    /**
     * Clusters A and B (distinct node ids) each make 1.8 M numbers at the same time, over three lives (two
     * restarts from the stored mark), with the wall clock stepped back inside a life and at each restart.
     */
    @Test
    void bothClustersMillionsWithRestartsAndClockStepsBackNeverCollide() throws Exception {
        CompletableFuture<long[]> a = CompletableFuture.supplyAsync(() -> run("a", 1, dir.resolve("a-1.mark")));
        CompletableFuture<long[]> b = CompletableFuture.supplyAsync(() -> run("b", 2, dir.resolve("b-2.mark")));
        long[] fromA = a.get();
        long[] fromB = b.get();

        assertStrictlyIncreasing(fromA);
        assertStrictlyIncreasing(fromB);
        long[] all = new long[fromA.length + fromB.length];
        System.arraycopy(fromA, 0, all, 0, fromA.length);
        System.arraycopy(fromB, 0, all, fromA.length, fromB.length);
        Arrays.sort(all);
        long collisions = 0;
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                collisions++;
            }
        }
        assertThat("collisions", collisions, is(0L));
        assertThat(all.length, is(2 * LIVES * PER_LIFE));
        assertThat(new OrderNumber(fromA[0]).cluster(), is("a"));
        assertThat(new OrderNumber(fromB[fromB.length - 1]).cluster(), is("b"));
        assertThat(new OrderNumber(fromB[0]).node(), is(2));
    }

    @Test
    void startsWhileItsMarkStoreIsDownAndResumesAboveTheMarkOnceItIsBack() {
        FileHighWaterMark file = new FileHighWaterMark(dir.resolve("down.mark"));
        long stored = System.currentTimeMillis() - OrderNumber.EPOCH + 60_000; // a mark a minute ahead of the clock
        file.store(stored);
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        HighWaterMark flaky = new HighWaterMark() {
            @Override
            public long load() {
                if (down.get()) {
                    throw new IllegalStateException("order database down");
                }
                return file.load();
            }

            @Override
            public void store(long markMillis) {
                file.store(markMillis);
            }
        };
        OrderNumberGenerator generator = OrderNumberGenerator.create("a", 0, flaky);

        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, generator::next);
        down.set(false);

        assertThat(generator.next().millisSinceEpoch(), greaterThan(stored));
    }

    @Test
    void restartWithClockAnHourBackStartsAboveEverythingIssued() {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        FileHighWaterMark mark = new FileHighWaterMark(dir.resolve("restart.mark"));
        OrderNumberGenerator first = OrderNumberGenerator.create("a", 0, clock::get, mark, Duration.ofMillis(200));
        OrderNumber last = null;
        for (int i = 0; i < 10_000; i++) {
            last = first.next();
        }
        clock.addAndGet(-Duration.ofHours(1).toMillis());
        OrderNumberGenerator second = OrderNumberGenerator.create("a", 0, clock::get, mark, Duration.ofMillis(200));
        assertThat(second.next().value(), greaterThan(last.value()));
    }

    @Test
    void manyThreadsOnOneGeneratorGetDistinctIncreasingNumbers() throws Exception {
        OrderNumberGenerator generator = OrderNumberGenerator.create("b", 5, new FileHighWaterMark(dir.resolve("t.mark")));
        CompletableFuture<long[]>[] parts = new CompletableFuture[4];
        for (int t = 0; t < parts.length; t++) {
            parts[t] = CompletableFuture.supplyAsync(() -> {
                long[] out = new long[100_000];
                for (int i = 0; i < out.length; i++) {
                    out[i] = generator.next().value();
                }
                return out;
            });
        }
        long[] all = new long[0];
        for (CompletableFuture<long[]> part : parts) {
            long[] got = part.get();
            assertStrictlyIncreasing(got);
            long[] merged = Arrays.copyOf(all, all.length + got.length);
            System.arraycopy(got, 0, merged, all.length, got.length);
            all = merged;
        }
        assertThat(Arrays.stream(all).distinct().count(), is((long) all.length));
    }

    @Test
    void textFormShowsClusterAndSortsLikeTheNumber() {
        OrderNumberGenerator generator = OrderNumberGenerator.create("b", 3, new FileHighWaterMark(dir.resolve("x.mark")));
        OrderNumber first = generator.next();
        OrderNumber second = generator.next();
        assertThat(first.toString().endsWith("-B"), is(true));
        assertThat(first.toString().compareTo(second.toString()) < 0, is(true));
        assertThat(OrderNumber.parse(first.toString()), is(first));
        assertThat(OrderNumber.parse(first.toString().toLowerCase()), is(first));
        String wrongCluster = first.toString().substring(0, 14) + "A";
        assertThrows(() -> OrderNumber.parse(wrongCluster));
        assertThrows(() -> OrderNumber.parse("not-a-number"));
        assertThrows(() -> OrderNumber.parse("ZZZZZZZZZZZZZ-A"));
    }

    private static void assertThrows(Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("expected IllegalArgumentException");
    }

    /** One node's numbers over several lives: fast logical time, a step back mid-life and at every restart. */
    private static long[] run(String cluster, int node, Path markFile) {
        long[] out = new long[LIVES * PER_LIFE];
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        FileHighWaterMark mark = new FileHighWaterMark(markFile);
        int n = 0;
        for (int life = 0; life < LIVES; life++) {
            if (life > 0) {
                clock.addAndGet(-Duration.ofSeconds(30).toMillis());
            }
            OrderNumberGenerator generator = OrderNumberGenerator.create(cluster, node, clock::get, mark,
                    Duration.ofMillis(50));
            for (int i = 0; i < PER_LIFE; i++) {
                if (i % 300 == 0) {
                    clock.incrementAndGet();
                }
                if (i == PER_LIFE / 2) {
                    clock.addAndGet(-5_000);
                }
                out[n++] = generator.next().value();
            }
        }
        return out;
    }

    private static void assertStrictlyIncreasing(long[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] <= values[i - 1]) {
                throw new AssertionError("not increasing at " + i + ": " + values[i - 1] + " then " + values[i]);
            }
        }
    }
}
