package io.tandem.proxy.identity;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * Prints a bearer token for a user, signed with the proxy's configured key: {@code proxy/bin/token <user> [ttl]}.
 * For local use and tests; production tokens come from the identity provider.
 */
public final class MintToken {
    private MintToken() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: token <user-id> [ttl, e.g. PT1H]");
            System.exit(2);
        }
        Config config = Config.create();
        Identity identity = Identity.create(config.get("identity.jwt"));
        Duration ttl = args.length == 2 ? Duration.parse(args[1]) : null;
        System.out.println(identity.mint(args[0], ttl));
    }
}
