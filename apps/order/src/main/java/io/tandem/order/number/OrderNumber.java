package io.tandem.order.number;

import java.time.Instant;

/**
 * An order number: a positive 63-bit id laid out, from the top, as
 * {@value #TIME_BITS} bits of milliseconds since {@link #EPOCH}, {@value #CLUSTER_BITS} bits of cluster
 * (a=0, b=1, ...), {@value #NODE_BITS} bits of node and {@value #SEQUENCE_BITS} bits of sequence.
 *
 * <p>Time comes first, so numeric order is time order across clusters. The text form is the id in 13
 * fixed-width Crockford base-32 digits (so text order is numeric order) followed by {@code -} and the cluster
 * letter, e.g. {@code 01HZ3K8M2P1B0-A}: a person reading it sees the cluster, and a parser checks that the
 * letter agrees with the bits.
 */
public record OrderNumber(long value) implements Comparable<OrderNumber> {
    /** 2025-01-01T00:00:00Z: 41 bits of milliseconds from here last until 2094. */
    public static final long EPOCH = 1_735_689_600_000L;
    public static final int TIME_BITS = 41;
    public static final int CLUSTER_BITS = 2;
    public static final int NODE_BITS = 7;
    public static final int SEQUENCE_BITS = 13;
    public static final int MAX_CLUSTER = (1 << CLUSTER_BITS) - 1;
    public static final int MAX_NODE = (1 << NODE_BITS) - 1;
    public static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
    public static final long MAX_TIME = (1L << TIME_BITS) - 1;
    static final int TEXT_DIGITS = 13;

    private static final String DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public OrderNumber {
        if (value < 0) {
            throw new IllegalArgumentException("order number must be positive: " + value);
        }
    }

    static OrderNumber compose(long millisSinceEpoch, int cluster, int node, int sequence) {
        if (millisSinceEpoch < 0 || millisSinceEpoch > MAX_TIME) {
            throw new IllegalStateException("time outside the order number range: " + millisSinceEpoch);
        }
        return new OrderNumber(millisSinceEpoch << (CLUSTER_BITS + NODE_BITS + SEQUENCE_BITS)
                | (long) cluster << (NODE_BITS + SEQUENCE_BITS)
                | (long) node << SEQUENCE_BITS
                | sequence);
    }

    /** The cluster index for a cluster name: "a" is 0, "b" is 1. */
    public static int clusterIndex(String clusterName) {
        if (clusterName == null || clusterName.length() != 1) {
            throw new IllegalArgumentException("cluster name must be one letter: " + clusterName);
        }
        int index = Character.toLowerCase(clusterName.charAt(0)) - 'a';
        if (index < 0 || index > MAX_CLUSTER) {
            throw new IllegalArgumentException("cluster must be a.." + (char) ('a' + MAX_CLUSTER) + ": " + clusterName);
        }
        return index;
    }

    /**
     * Parses the text form; rejects a wrong length, a digit outside the alphabet, or a cluster letter that
     * disagrees with the bits.
     */
    public static OrderNumber parse(String text) {
        if (text == null || text.length() != TEXT_DIGITS + 2 || text.charAt(TEXT_DIGITS) != '-') {
            throw new IllegalArgumentException("not an order number: " + text);
        }
        long value = 0;
        for (int i = 0; i < TEXT_DIGITS; i++) {
            int digit = DIGITS.indexOf(Character.toUpperCase(text.charAt(i)));
            if (digit < 0 || (i == 0 && digit > 7)) {
                throw new IllegalArgumentException("not an order number: " + text);
            }
            value = value << 5 | digit;
        }
        OrderNumber number = new OrderNumber(value);
        if (Character.toLowerCase(text.charAt(TEXT_DIGITS + 1)) != number.cluster().charAt(0)) {
            throw new IllegalArgumentException("cluster letter does not match the number: " + text);
        }
        return number;
    }

    public long millisSinceEpoch() {
        return value >>> (CLUSTER_BITS + NODE_BITS + SEQUENCE_BITS);
    }

    public Instant time() {
        return Instant.ofEpochMilli(EPOCH + millisSinceEpoch());
    }

    /** The cluster name, "a" or "b". */
    public String cluster() {
        return String.valueOf((char) ('a' + (int) (value >>> (NODE_BITS + SEQUENCE_BITS) & MAX_CLUSTER)));
    }

    public int node() {
        return (int) (value >>> SEQUENCE_BITS & MAX_NODE);
    }

    public int sequence() {
        return (int) (value & MAX_SEQUENCE);
    }

    @Override
    public int compareTo(OrderNumber other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        char[] text = new char[TEXT_DIGITS + 2];
        long rest = value;
        for (int i = TEXT_DIGITS - 1; i >= 0; i--) {
            text[i] = DIGITS.charAt((int) (rest & 31));
            rest >>>= 5;
        }
        text[TEXT_DIGITS] = '-';
        text[TEXT_DIGITS + 1] = Character.toUpperCase(cluster().charAt(0));
        return new String(text);
    }
}
