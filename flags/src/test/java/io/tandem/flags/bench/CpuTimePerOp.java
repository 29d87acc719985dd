package io.tandem.flags.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The benchmark's operations timed by the calling thread's CPU time instead of wall time: on a shared machine
 * (load far above its cores) wall-clock ns/op mostly measure waiting for a core. Same state as FlagsBenchmark.
 * Work the client hands to its own event thread is not in these figures. Run by bench/run.sh after JMH.
 */
public final class CpuTimePerOp {
    private static final int WARMUP = 2_000_000;
    private static final int ROUNDS = 5;
    private static final int OPS = 2_000_000;
    private static final int ENGINE_OPS = 100_000;
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private CpuTimePerOp() {
    }

    public static void main(String[] args) throws Exception {
        FlagsBenchmark b = new FlagsBenchmark();
        b.setUp();
        try {
            Map<String, IntSupplier> ops = new LinkedHashMap<>();
            ops.put("bucketRollout", b::bucketRollout);
            ops.put("bucketVariant", b::bucketVariant);
            ops.put("pureToggleVariant", () -> b.pureToggleVariant().name().length());
            ops.put("typedIsOnPure", () -> b.typedIsOnPure() ? 1 : 0);
            ops.put("typedVariantPure", () -> b.typedVariantPure().ordinal());
            // What the proxy calls per new session: UnleashRoutingFlags.clusterFor.
            ops.put("proxyClusterFor", () -> b.proxyClusterFor().length());
            ops.put("typedIsOnEngine", () -> b.typedIsOnEngine() ? 1 : 0);
            ops.put("typedVariantEngine", () -> b.typedVariantEngine().ordinal());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            System.out.println("CPU time of the calling thread per operation (best of " + ROUNDS + " rounds):");
            long sink = 0;
            for (Map.Entry<String, IntSupplier> op : ops.entrySet()) {
                int n = op.getKey().endsWith("Engine") ? ENGINE_OPS : OPS;
                for (int i = 0; i < (op.getKey().endsWith("Engine") ? ENGINE_OPS : WARMUP); i++) {
                    sink += op.getValue().getAsInt();
                }
                double best = Double.MAX_VALUE;
                double bytes = Double.MAX_VALUE;
                for (int r = 0; r < ROUNDS; r++) {
                    long allocated = ALLOCATION.getCurrentThreadAllocatedBytes();
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        sink += op.getValue().getAsInt();
                    }
                    best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / (double) n);
                    bytes = Math.min(bytes, (ALLOCATION.getCurrentThreadAllocatedBytes() - allocated) / (double) n);
                }
                // Bytes the calling thread allocated per call after JIT (escape analysis included): the GC's share.
                System.out.printf("  %-20s %10.1f ns/op (cpu) %8.1f B/op%n", op.getKey(), best, bytes);
            }
            System.out.println("  (sink " + (sink & 1) + ")");
        } finally {
            b.tearDown();
        }
    }
}
