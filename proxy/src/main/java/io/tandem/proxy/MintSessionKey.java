package io.tandem.proxy;

import io.helidon.config.Config;

import io.tandem.common.session.SessionKeys;

/**
 * Prints a session key for a cluster, signed with the configured {@code session.secret}:
 * {@code proxy/bin/session-key <cluster>}. For local checks and the benchmark; real keys come from the cart service.
 */
public final class MintSessionKey {
    private MintSessionKey() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: session-key <cluster>");
            System.exit(2);
        }
        System.out.println(SessionKeys.create(Config.create().get("session")).issue(args[0]));
    }
}
