package io.tandem.cluster.envcheck;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -cp tandem-cluster.jar io.tandem.cluster.envcheck.EnvCheckMain ENV_FILE}: one line per
 * check, then {@code envcheck: N passed, M failed}; exit status 1 when any failed.
 */
public final class EnvCheckMain {
    private EnvCheckMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EnvCheckMain ENV_FILE");
            System.exit(2);
        }
        List<CheckResult> results = EnvCheck.fromFile(Path.of(args[0])).runAll();
        results.forEach(result -> System.out.println(result.line()));
        long failed = results.stream().filter(result -> !result.passed()).count();
        System.out.printf("envcheck: %d passed, %d failed%n", results.size() - failed, failed);
        System.exit(failed == 0 ? 0 : 1);
    }
}
