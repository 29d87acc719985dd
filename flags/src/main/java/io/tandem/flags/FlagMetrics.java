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
 * {@value #EVALUATIONS} (counter; tags flag, result), {@value #STATE_AGE} (gauge; tag app) and {@value #ENABLED}
 * (gauge; tag flag: 1 while the flag is switched on in this environment, as this process last saw it).
 * Counters are looked up once, so counting an evaluation is one map read and one add.
 */
final class FlagMetrics {
    /** Evaluations by flag and result (true/false, or the variant). */
    static final String EVALUATIONS = "tandem.flags.evaluations";
    /** Seconds since the flag state was last fetched from Unleash. */
    static final String STATE_AGE = "tandem.flags.state.age.seconds";

    /** 1 while a flag is switched on in this environment (the UI switch), else 0. */
    static final String ENABLED = "tandem.flag.enabled";

    private final MeterRegistry registry;
    private final List<Gauge<Integer>> enabled = new java.util.ArrayList<>();
    private final Map<String, Counter[]> booleans = new HashMap<>();
    private final Map<String, Counter[]> variants = new HashMap<>();
    private final Gauge<Double> age;

    FlagMetrics(String appName, Supplier<Double> ageSeconds, java.util.function.Predicate<Flag> switchedOn) {
        this.registry = Metrics.globalRegistry();
        for (Flag flag : TandemFlags.ALL) {
            enabled.add(registry.getOrCreate(Gauge.builder(ENABLED, () -> switchedOn.test(flag) ? 1 : 0)
                    .tags(List.of(Tag.create("flag", flag.name())))
                    .description("1 while the flag is switched on in this environment")));
            if (flag instanceof BooleanFlag b) {
                booleans.put(b.name(), new Counter[] {counter(b.name(), "false"), counter(b.name(), "true")});
            } else if (flag instanceof VariantFlag<?> v) {
                Enum<?>[] constants = v.type().getEnumConstants();
                Counter[] byOrdinal = new Counter[constants.length];
                for (Enum<?> constant : constants) {
                    byOrdinal[constant.ordinal()] = counter(v.name(), VariantFlag.variantName(constant));
                }
                variants.put(v.name(), byOrdinal);
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
        Counter[] c = variants.get(flag.name());
        if (c != null) {
            c[result.ordinal()].increment();
        }
    }

    void close() {
        registry.remove(age);
        enabled.forEach(registry::remove);
    }

    private Counter counter(String flag, String result) {
        return registry.getOrCreate(Counter.builder(EVALUATIONS)
                .tags(List.of(Tag.create("flag", flag), Tag.create("result", result)))
                .description("Flag evaluations by flag and result"));
    }
}
