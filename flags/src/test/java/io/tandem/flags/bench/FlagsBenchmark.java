package io.tandem.flags.bench;

import io.tandem.flags.ClusterVariant;
import io.tandem.flags.FlagContext;
import io.tandem.flags.Flags;
import io.tandem.flags.FlagsSettings;
import io.tandem.flags.TandemFlags;
import io.tandem.flags.bucket.Buckets;
import io.tandem.flags.bucket.WeightedVariants;
import io.tandem.flags.file.ClientFeaturesJson;
import io.tandem.flags.file.FlagsFile;
import io.tandem.flags.pure.EvaluatedVariant;
import io.tandem.flags.pure.PureState;
import io.tandem.flags.pure.PureToggle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one flag decision: the typed API answering in pure Java and through unleash-client-java's engine, and the
 * bucket functions underneath. Run by bench/run.sh; not a test.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class FlagsBenchmark {
    private static final int USERS = 1024;

    private Flags pure;
    private Flags engine;
    private FlagContext[] contexts;
    private String[] userIds;
    private WeightedVariants weights;
    private PureToggle routing;
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("flags-bench");
        pure = Flags.create(settings(dir, "pure", true));
        engine = Flags.create(settings(dir, "engine", false));
        contexts = new FlagContext[USERS];
        userIds = new String[USERS];
        for (int u = 0; u < USERS; u++) {
            userIds[u] = "user-" + u * 7919;
            contexts[u] = new FlagContext(userIds[u], null, "a", null, null);
        }
        weights = WeightedVariants.of("cluster_routing", List.of(
                WeightedVariants.VariantSpec.of("a", 700), WeightedVariants.VariantSpec.of("b", 300)));
        routing = PureState.compile(ClientFeaturesJson.of(FlagsFile.fromClasspath("flags.json"))).toggle("cluster_routing");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pure.close();
        engine.close();
    }

    @Benchmark
    public ClusterVariant typedVariantPure() {
        return pure.variant(TandemFlags.CLUSTER_ROUTING, next());
    }

    @Benchmark
    public ClusterVariant typedVariantEngine() {
        return engine.variant(TandemFlags.CLUSTER_ROUTING, next());
    }

    @Benchmark
    public boolean typedIsOnPure() {
        return pure.isOn(TandemFlags.ATC_DISABLED, next());
    }

    @Benchmark
    public boolean typedIsOnEngine() {
        return engine.isOn(TandemFlags.ATC_DISABLED, next());
    }

    /** What the proxy does per new session (UnleashRoutingFlags.clusterFor): a context for the user, the cluster id. */
    @Benchmark
    public String proxyClusterFor() {
        return pure.variant(TandemFlags.CLUSTER_ROUTING,
                new FlagContext(next().userId(), null, null, "tandem-proxy", "development")).id();
    }

    @Benchmark
    public EvaluatedVariant pureToggleVariant() {
        return routing.variant(next());
    }

    @Benchmark
    public int bucketRollout() {
        i = (i + 1) & (USERS - 1);
        return Buckets.rolloutBucket("cluster_routing", userIds[i]);
    }

    @Benchmark
    public int bucketVariant() {
        return weights.select(next());
    }

    private FlagContext next() {
        i = (i + 1) & (USERS - 1);
        return contexts[i];
    }

    private static FlagsSettings settings(Path dir, String name, boolean pureEvaluation) {
        // No server: both answer from flags.json, the state every process boots from.
        return new FlagsSettings("http://127.0.0.1:1/api", "", "bench-" + name, null, "development",
                Duration.ofSeconds(1), dir.resolve(name + ".json"), Duration.ofMillis(100), Duration.ofMillis(100),
                null, pureEvaluation);
    }
}
