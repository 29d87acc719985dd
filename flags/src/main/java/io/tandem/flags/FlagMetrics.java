package io.tandem.flags;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Flag meters in Helidon's global registry, served on /observe/metrics by the process that uses the library:
 * {@value #EVALUATIONS} (counter; tags flag, result) and {@value #STATE_AGE} (gauge; tag app).
 * Counters are looked up once, so counting an evaluation is one map read and one add.
 */
final class FlagMetrics {
    /** Evaluations by flag and result (true/false, or the variant). */
    static final String EVALUATIONS = "tandem.flags.evaluations";
    /** Seconds since the flag state was last fetched from Unleash. */
    static final String STATE_AGE = "tandem.flags.state.age.seconds";

    private final MeterRegistry registry;
    private final Map<String, Counter[]> booleans = new HashMap<>();
    private final Map<String, Map<Enum<?>, Counter>> variants = new HashMap<>();
    private final Gauge<Double> age;

    FlagMetrics(String appName, Supplier<Double> ageSeconds) {
        this.registry = Metrics.globalRegistry();
        for (Flag flag : TandemFlags.ALL) {
            if (flag instanceof BooleanFlag b) {
                booleans.put(b.name(), new Counter[] {counter(b.name(), "false"), counter(b.name(), "true")});
            } else if (flag instanceof VariantFlag<?> v) {
                Map<Enum<?>, Counter> byVariant = new HashMap<>();
                for (Enum<?> constant : v.type().getEnumConstants()) {
                    byVariant.put(constant, counter(v.name(), VariantFlag.variantName(constant)));
                }
                variants.put(v.name(), byVariant);
            }
        }
        this.age = registry.getOrCreate(Gauge.builder(STATE_AGE, ageSeconds)
                .tags(List.of(Tag.create("app", appName)))
                .description("Seconds since the flag state was last fetched from Unleash"));
    }

    void counted(BooleanFlag flag, boolean result) {
        Counter[] c = booleans.get(flag.name());
        if (c != null) {
            c[result ? 1 : 0].increment();
        }
    }

    void counted(VariantFlag<?> flag, Enum<?> result) {
        Map<Enum<?>, Counter> c = variants.get(flag.name());
        if (c != null) {
            Counter counter = c.get(result);
            if (counter != null) {
                counter.increment();
            }
        }
    }

    void close() {
        registry.remove(age);
    }

    private Counter counter(String flag, String result) {
        return registry.getOrCreate(Counter.builder(EVALUATIONS)
                .tags(List.of(Tag.create("flag", flag), Tag.create("result", result)))
                .description("Flag evaluations by flag and result"));
    }
}
