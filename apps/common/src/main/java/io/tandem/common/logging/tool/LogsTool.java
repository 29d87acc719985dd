package io.tandem.common.logging.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The logs of a run, from the command line (run by {@code infra-terraform/scripts/logs.sh}):
 * <pre>
 * LogsTool order ORDER_NUMBER LOGS_DIR                every line about the order, in time order (exit 1: none)
 * LogsTool check LOGS_DIR [--ignore GLOB]...          every line of every Tandem JVM's log is a JSON log line
 *                                                     (exit 1: some are not); last line "logcheck: N passed, M failed"
 * </pre>
 */
public final class LogsTool {
    private LogsTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length >= 3 && args[0].equals("order") && !args[1].isBlank()) {
            return order(args[1], Path.of(args[2]));
        }
        if (args.length >= 2 && args[0].equals("check")) {
            List<String> ignore = new ArrayList<>();
            for (int i = 2; i + 1 < args.length; i += 2) {
                if (!args[i].equals("--ignore")) {
                    return usage();
                }
                ignore.add(args[i + 1]);
            }
            return check(Path.of(args[1]), ignore);
        }
        return usage();
    }

    private static int order(String orderNumber, Path folder) {
        if (!Files.isDirectory(folder)) {
            System.err.println("no logs folder " + folder);
            return 2;
        }
        List<Path> logs = RunLogs.ours(folder, List.of());
        List<OrderLogs.Entry> entries = OrderLogs.find(logs, orderNumber);
        if (entries.isEmpty()) {
            System.out.println("no line of " + logs.size() + " logs in " + folder + " is about order " + orderNumber);
            return 1;
        }
        long processes = entries.stream().map(OrderLogs.Entry::process).distinct().count();
        System.out.println("order " + orderNumber + ": " + entries.size() + " lines from " + processes
                + (processes == 1 ? " process" : " processes") + " (" + folder + ", times UTC)");
        OrderLogs.render(entries).forEach(System.out::println);
        return 0;
    }

    private static int check(Path folder, List<String> ignore) {
        if (!Files.isDirectory(folder)) {
            System.err.println("no logs folder " + folder);
            return 2;
        }
        List<Path> logs = RunLogs.ours(folder, ignore);
        int passed = 0;
        int failed = 0;
        for (Path log : logs) {
            LogCheck.Result result = LogCheck.check(log, LogCheck.DEFAULT_SHOWN);
            System.out.println(result.report());
            if (result.passed()) {
                passed++;
            } else {
                failed++;
            }
        }
        System.out.println("(not checked, their own formats or not a process: " + String.join(" ", RunLogs.NOT_OURS)
                + (ignore.isEmpty() ? "" : " " + String.join(" ", ignore)) + ")");
        if (logs.isEmpty()) {
            System.out.println("no Tandem JVM log in " + folder);
            failed++;
        }
        System.out.println("logcheck: " + passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static int usage() {
        System.err.println("usage: LogsTool order ORDER_NUMBER LOGS_DIR | LogsTool check LOGS_DIR [--ignore GLOB]...");
        return 2;
    }
}
