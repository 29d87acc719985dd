package io.tandem.flags.pure;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * The official {@code @unleash/client-specification} (npm, fetched by scripts/fetch-client-spec.sh) run against the
 * pure-Java evaluator, in the manner of unleash-client-java's ClientSpecificationTest. Every test case runs, or is
 * skipped with the reason (a flag using something the pure evaluator leaves to the engine); the report lists both
 * and goes to target/client-specification/report.txt. The rollout, stickiness and variant files may skip nothing.
 */
class ClientSpecificationTest {
    static final String VERSION = "6.1.0";
    static final Path SPEC_DIR = Path.of("target", "client-specification");
    private static final Set<String> MUST_RUN_ALL = Set.of(
            "03-gradual-rollout-user-id-strategy.json", "04-gradual-rollout-session-id-strategy.json",
            "05-gradual-rollout-random-strategy.json", "08-variants.json", "10-flexible-rollout-strategy.json",
            "12-custom-stickiness.json", "16-strategy-variants.json");
    private static final Map<String, FileReport> REPORT = new ConcurrentHashMap<>();
    private static final List<DynamicContainer> CASES = new ArrayList<>();

    @BeforeAll
    static void fetchSpecification() throws Exception {
        Path index = specifications().resolve("index.json");
        if (!Files.exists(index)) {
            Process p = new ProcessBuilder("bash", "scripts/fetch-client-spec.sh", VERSION, SPEC_DIR.toAbsolutePath().toString())
                    .inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("scripts/fetch-client-spec.sh failed: is npm reachable?");
            }
        }
        String packageJson = Files.readString(SPEC_DIR.resolve("package/package.json"));
        assertThat("specification version", packageJson.contains("\"version\": \"" + VERSION + "\""), is(true));
        for (JsonElement name : JsonParser.parseString(Files.readString(specifications().resolve("index.json"))).getAsJsonArray()) {
            String file = name.getAsString();
            JsonObject spec = JsonParser.parseString(Files.readString(specifications().resolve(file), StandardCharsets.UTF_8)).getAsJsonObject();
            CASES.add(DynamicContainer.dynamicContainer(file, cases(file, spec)));
        }
    }

    @TestFactory
    List<DynamicContainer> specification() {
        return CASES;
    }

    @Test
    void rolloutStickinessAndVariantFilesRunInFull() {
        assertThat("all 22 files of the specification", REPORT.size(), is(22));
        for (String file : MUST_RUN_ALL) {
            FileReport r = REPORT.get(file);
            assertThat(file + " is in the specification", r != null, is(true));
            assertThat(file + " skips nothing: " + r.skipReasons, r.skipped.get(), is(0));
            assertThat(file + " runs cases", r.run.get(), greaterThan(0));
        }
    }

    @AfterAll
    static void writeReport() throws IOException {
        StringBuilder sb = new StringBuilder("client specification " + VERSION + " against the pure-Java evaluator\n");
        int run = 0;
        int skipped = 0;
        for (Map.Entry<String, FileReport> e : new TreeMap<>(REPORT).entrySet()) {
            FileReport r = e.getValue();
            run += r.run.get();
            skipped += r.skipped.get();
            sb.append(String.format("%-45s run %3d  skipped %3d%s%n", e.getKey(), r.run.get(), r.skipped.get(),
                    r.skipReasons.isEmpty() ? "" : "  (" + String.join("; ", new TreeMap<>(r.skipReasons).entrySet().stream()
                            .map(x -> x.getKey() + " x" + x.getValue()).toList()) + ")"));
        }
        sb.append(String.format("total: run %d, skipped %d%n", run, skipped));
        System.out.print(sb);
        Files.writeString(SPEC_DIR.resolve("report.txt"), sb);
    }

    private static List<DynamicTest> cases(String file, JsonObject spec) {
        FileReport report = REPORT.computeIfAbsent(file, f -> new FileReport());
        List<DynamicTest> tests = new ArrayList<>();
        JsonObject state = spec.getAsJsonObject("state");
        List<JsonElement> all = new ArrayList<>();
        if (spec.has("tests")) {
            spec.getAsJsonArray("tests").forEach(all::add);
        }
        if (spec.has("variantTests")) {
            spec.getAsJsonArray("variantTests").forEach(all::add);
        }
        if (state == null || !state.has("features")) {
            // 19/20: delta API events, a transport format; the evaluator takes full states only.
            for (JsonElement t : all) {
                tests.add(skipped(report, t, "delta API events, not a full state"));
            }
            return tests;
        }
        PureState pure = PureState.compile(state.toString());
        for (JsonElement t : all) {
            JsonObject test = t.getAsJsonObject();
            String toggle = test.get("toggleName").getAsString();
            String reason = pure.unsupportedReason(toggle);
            if (reason != null) {
                tests.add(skipped(report, t, reason));
                continue;
            }
            SpecContext context = SpecContext.of(test.get("context") != null && test.get("context").isJsonObject()
                    ? test.getAsJsonObject("context") : new JsonObject());
            JsonElement expected = test.get("expectedResult");
            report.run.incrementAndGet();
            tests.add(DynamicTest.dynamicTest(test.get("description").getAsString(), () -> {
                PureToggle t1 = pure.toggle(toggle);
                if (expected.isJsonPrimitive()) {
                    boolean actual = t1 != null && t1.isEnabled(context);
                    assertThat(expected.getAsBoolean(), is(actual));
                } else {
                    EvaluatedVariant v = t1 == null ? EvaluatedVariant.DISABLED_OFF : t1.variant(context);
                    JsonObject e = expected.getAsJsonObject();
                    assertThat(v.name(), is(e.get("name").getAsString()));
                    assertThat(v.enabled(), is(e.get("enabled").getAsBoolean()));
                    if (e.has("feature_enabled")) {
                        assertThat("feature_enabled", v.featureEnabled(), is(e.get("feature_enabled").getAsBoolean()));
                    }
                    if (e.has("payload")) {
                        JsonObject p = e.getAsJsonObject("payload");
                        assertThat(v.payloadType(), is(p.get("type").getAsString()));
                        assertThat(v.payloadValue(), is(p.get("value").getAsString()));
                    }
                }
            }));
        }
        return tests;
    }

    private static DynamicTest skipped(FileReport report, JsonElement test, String reason) {
        report.skipped.incrementAndGet();
        report.skipReasons.merge(reason, 1, Integer::sum);
        String description = test.getAsJsonObject().get("description").getAsString();
        return DynamicTest.dynamicTest(description + " [skipped: " + reason + "]",
                () -> org.junit.jupiter.api.Assumptions.abort("pure evaluator leaves this to the engine: " + reason));
    }

    private static Path specifications() {
        return SPEC_DIR.resolve("package/specifications");
    }

    private static final class FileReport {
        final AtomicInteger run = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final Map<String, Integer> skipReasons = new ConcurrentHashMap<>();
    }
}
