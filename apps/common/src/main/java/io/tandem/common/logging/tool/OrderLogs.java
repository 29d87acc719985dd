package io.tandem.common.logging.tool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every line of every Tandem JVM's log about one order, in time order ({@code ./tandem logs --order N}). A line is
 * about the order when
 * <ol>
 *   <li>its {@code order_number} is the order's (the order service while placing it, each saga step, the outbox
 *       relay sending it, the notifier handling its event), or its message names the order (a library's line);</li>
 *   <li>or its {@code request_id} or {@code trace_id} is one that a line of (1) carries: the proxy's lines for the
 *       request that placed it, the cluster's before the number was made, another process's lines in the order's
 *       trace (catalog, stock, the payment provider) when tracing is on.</li>
 * </ol>
 * Only ids of lines that carry the order number lead further (not ids of lines found through an id), so a request
 * that touched several orders does not pull in the others.
 */
public final class OrderLogs {
    private static final int EXCEPTION_LINES = 4;

    private OrderLogs() {
    }

    /**
     * One line found.
     *
     * @param process the log it came from
     * @param line    the line
     * @param seq     its place in reading order (ties in time keep it)
     */
    public record Entry(String process, LogLine line, long seq) {
    }

    /**
     * Reads the logs twice: for the ids of the order's own lines, then for every line about it.
     *
     * @param logs        Tandem JVMs' logs
     * @param orderNumber the order
     * @return the lines, in time order
     */
    public static List<Entry> find(List<Path> logs, String orderNumber) {
        Set<String> requestIds = new HashSet<>();
        Set<String> traceIds = new HashSet<>();
        for (Path log : logs) {
            scan(log, text -> text.contains(orderNumber), line -> {
                if (orderNumber.equals(line.field("order_number"))) {
                    add(requestIds, line.field("request_id"));
                    add(traceIds, line.field("trace_id"));
                }
            });
        }
        Set<String> ids = new HashSet<>(requestIds);
        ids.addAll(traceIds);
        List<Entry> found = new ArrayList<>();
        long[] seq = {0};
        for (Path log : logs) {
            String process = RunLogs.process(log);
            // a cheap text test first: most lines of a busy log are about something else
            scan(log, text -> text.contains(orderNumber) || ids.stream().anyMatch(text::contains), line -> {
                if (orderNumber.equals(line.field("order_number")) || line.message().contains(orderNumber)
                        || requestIds.contains(line.field("request_id")) || traceIds.contains(line.field("trace_id"))) {
                    found.add(new Entry(process, line, seq[0]++));
                }
            });
        }
        found.sort(Comparator.comparing((Entry e) -> e.line().time()).thenComparingLong(Entry::seq));
        return found;
    }

    /**
     * The lines as a person reads them: time (UTC), process, level, message; a stack trace shortened to its first
     * lines, indented.
     */
    public static List<String> render(List<Entry> entries) {
        int width = entries.stream().mapToInt(e -> e.process().length()).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (Entry entry : entries) {
            LogLine line = entry.line();
            String head = line.time().replace('T', ' ').replace("Z", "") + "  " + pad(entry.process(), width) + "  "
                    + pad(line.level(), 5) + "  ";
            String indent = " ".repeat(head.length());
            String[] message = line.message().split("\n", -1);
            out.add(head + message[0]);
            for (int i = 1; i < message.length; i++) {
                out.add(indent + message[i]);
            }
            String exception = line.field("exception");
            if (exception != null) {
                String[] stack = exception.split("\n");
                for (int i = 0; i < Math.min(EXCEPTION_LINES, stack.length); i++) {
                    out.add(indent + "  " + stack[i].strip());
                }
                if (stack.length > EXCEPTION_LINES) {
                    out.add(indent + "  ... " + (stack.length - EXCEPTION_LINES) + " more lines");
                }
            }
        }
        return out;
    }

    private static void scan(Path log, Predicate<String> worthParsing, Consumer<LogLine> each) {
        try (BufferedReader reader = RunLogs.reader(log)) {
            String text;
            while ((text = reader.readLine()) != null) {
                if (worthParsing.test(text)) {
                    LogLine.parse(text).ifPresent(each);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + log, e);
        }
    }

    private static void add(Set<String> ids, String id) {
        if (id != null && !id.isEmpty()) {
            ids.add(id);
        }
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
