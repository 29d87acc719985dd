package io.tandem.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;

/**
 * The order module's packages point one way: api -> sagas -> pricing, stock -> domain <- store (README, "Packages").
 * Reads the main sources' references to {@code io.tandem.order.<package>} (imports, static imports, qualified names)
 * and fails on any edge the picture does not allow, so a back-edge (a cycle) cannot come in unnoticed. The root
 * package ({@code Main}, {@code OrderModule}) wires everything and nothing may refer to it.
 */
class LayersTest {
    private static final Path SOURCES = Path.of("src/main/java/io/tandem/order");
    private static final String ROOT = "(root)";
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.tandem\\.order\\.([a-z]+|[A-Z]\\w*)");

    /** Every package an order package may refer to; a package not named here may refer to no other. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "api", Set.of("checkout", "domain", "number", "observe", "sagas"),
            "sagas", Set.of("domain", "observe", "pricing", "stock"),
            "pricing", Set.of("domain"),
            "stock", Set.of("domain"),
            "checkout", Set.of("domain"),
            "store", Set.of("domain", "outbox"));

    @Test
    void everyPackageRefersOnlyToTheLayersBelowIt() {
        Set<String> edges = edges(SOURCES);
        System.out.println("order package dependencies:\n  " + String.join("\n  ", edges));

        assertThat(violations(edges), empty());
    }

    @Test
    void aBackEdgeIsReported() {
        assertThat(violations(Set.of("store -> domain", "domain -> store", "pricing -> sagas", "sagas -> " + ROOT)),
                contains("domain -> store", "pricing -> sagas", "sagas -> " + ROOT));
    }

    @Test
    void theSourcesAreRead() {
        assertThat(edges(SOURCES), hasItem("sagas -> domain"));
    }

    static List<String> violations(Set<String> edges) {
        return edges.stream().sorted().filter(edge -> {
            String[] ends = edge.split(" -> ");
            return !ends[0].equals(ROOT) && !ALLOWED.getOrDefault(ends[0], Set.of()).contains(ends[1]);
        }).toList();
    }

    /** "from -> to" for each reference of a package's sources to another order package (first segment only). */
    static Set<String> edges(Path sources) {
        Set<String> edges = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = layer(sources.relativize(file));
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = Character.isUpperCase(m.group(1).charAt(0)) ? ROOT : m.group(1);
                    if (!to.equals(from)) {
                        edges.add(from + " -> " + to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return edges;
    }

    private static String layer(Path relative) {
        return relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
    }
}
