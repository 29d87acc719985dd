package io.tandem.drill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code drill [--short]}, {@code chaos <name>}, {@code bench checkout [options]} ({@link CheckoutBench}). The environment file comes
 * from {@code --env <file>} (the scripts pass TANDEM_ENV_FILE).
 */
public final class Main {
    /** The Kafka client logs every seek at INFO: the drill's output is for people. Held so it is not collected. */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Path envFile = Path.of(option(rest, "--env", ".run/local/env.properties"));
        Path out = Path.of(option(rest, "--out", envFile.toAbsolutePath().getParent().resolve("drill").toString()));
        boolean shortRun = rest.remove("--short");
        if (rest.isEmpty()) {
            usage();
        }
        Env env = Env.load(envFile);
        boolean ok = switch (rest.get(0)) {
            case "drill" -> new Drill(env, out, shortRun).run();
            case "chaos" -> rest.size() > 1 ? new Chaos(env).run(rest.get(1)) : usage();
            case "bench" -> rest.size() > 1 && rest.get(1).equals("checkout") ? new CheckoutBench(env,
                    CheckoutBench.Options.parse(rest.subList(2, rest.size())), benchResults()).run() : usage();
            default -> usage();
        };
        System.exit(ok ? 0 : 1);
    }

    /** {@code <repo>/bench/results} (the scripts pass the repo as TANDEM_REPO), else ./bench/results. */
    private static Path benchResults() {
        return Path.of(System.getenv().getOrDefault("TANDEM_REPO", ".")).resolve("bench").resolve("results");
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            return fallback;
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static boolean usage() {
        System.err.println("usage: drill [--short] | chaos <" + String.join("|", Chaos.NAMES) + ">"
                + " | bench checkout [--rates 10,20,30,40] [--step-seconds 30] [--idle-seconds 20] [--warmup-seconds 15]"
                + " [--reference-rate 20] [--label name] [--env file] [--out dir]");
        System.exit(2);
        return false;
    }
}
