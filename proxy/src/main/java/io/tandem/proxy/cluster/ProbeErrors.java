package io.tandem.proxy.cluster;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

/** Names what went wrong talking to a cluster, for logs, transition reasons and client errors. */
public final class ProbeErrors {
    private ProbeErrors() {
    }

    /** Whether the cause chain says the connection could not be opened. */
    public static boolean connectFailure(Throwable t) {
        return find(t, ConnectException.class);
    }

    /** Whether the cause chain says the cluster did not answer in time. */
    public static boolean timeout(Throwable t) {
        return find(t, SocketTimeoutException.class);
    }

    /** A short description: "connect failed", "timed out" or the exception class. */
    public static String describe(Throwable t) {
        if (connectFailure(t)) {
            return "connect failed";
        }
        if (timeout(t)) {
            return "timed out";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static boolean find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
