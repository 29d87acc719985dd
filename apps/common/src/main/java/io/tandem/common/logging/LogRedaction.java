package io.tandem.common.logging;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;

/**
 * Masks what must never reach a log: this process's own secrets (every config value whose key names a password,
 * secret, token or key, registered at start by {@link Logging#configure}), and by shape what any code or library
 * might print — a bearer credential, a JWT, a card token ({@code tok_...}), and the value after a
 * {@code password=}, {@code secret:}, {@code token=}, {@code cardToken":"}, {@code Authorization:} and the like
 * (a JDBC URL's {@code password=} parameter, a JSON body, a header dump). Applied by {@link JsonLogFormatter} to
 * every message and stack trace, so a careless log statement or a library's exception text is masked as well.
 *
 * <p>Not covered: card numbers (the project never sees one: the payment provider's tokens stand for cards) and
 * a secret shorter than {@value #MIN_SECRET_LENGTH} characters (masking such a string would garble ordinary words).
 */
public final class LogRedaction {
    public static final String MASK = "***";
    /** Config values shorter than this are not masked as secrets. */
    public static final int MIN_SECRET_LENGTH = 6;
    /** A config key whose last part names one of these holds a secret. */
    static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|api[-_]?key|private[-_]?key).*");

    private static final String KEYS = "password|passwd|pwd|secret|token|card[-_]?token|card|authorization|api[-_]?key";
    private static final Pattern SENSITIVE = Pattern.compile(
            // 1: "Bearer " kept, the credential masked
            "(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"
                    // a JWT anywhere: three base64url parts, the first a JSON header ("eyJ" = '{"')
                    + "|eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"
                    // the payment provider's card tokens
                    + "|(?<![A-Za-z0-9])tok_[A-Za-z0-9_]+"
                    // 2: a key that names a secret, then = or :, maybe quoted (JSON, URL parameters, headers); the
                    // value masked, with the scheme word of an Authorization value
                    + "|((?<![A-Za-z])(?:" + KEYS + ")\"?\\s*[=:]\\s*\"?)(?:(?:bearer|basic|digest)\\s+)?[^\\s\"',;&)}\\]]+");

    private static volatile String[] secrets = new String[0];

    private LogRedaction() {
    }

    /**
     * Adds values never to print (longest first, so a secret that contains another is masked whole).
     *
     * @param values secrets; null, blank and short ones are ignored
     */
    public static synchronized void addSecrets(Collection<String> values) {
        Set<String> all = new LinkedHashSet<>(Arrays.asList(secrets));
        for (String value : values) {
            if (value != null && value.strip().length() >= MIN_SECRET_LENGTH) {
                all.add(value.strip());
            }
        }
        secrets = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
    }

    /**
     * Adds every value of the config whose key names a secret (its last part: {@code db.primary.connection.password},
     * {@code session.secret}, {@code admin.token}, {@code unleash.token}, an environment variable
     * {@code DB_ADMIN_PASSWORD}).
     *
     * @param config the root config
     */
    public static void addSecretsFrom(Config config) {
        addSecrets(config.traverse()
                .filter(node -> node.type() == Config.Type.VALUE)
                .filter(node -> SECRET_KEY.matcher(node.key().name()).matches())
                .map(node -> node.asString().orElse(null))
                .toList());
    }

    /** Forgets the registered secrets (tests). */
    static synchronized void clearSecrets() {
        secrets = new String[0];
    }

    /**
     * The text with every registered secret and every sensitive shape masked.
     *
     * @param text any text; null stays null
     * @return the text, masked
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        Matcher matcher = SENSITIVE.matcher(out);
        if (!matcher.find()) {
            return out;
        }
        matcher.reset();
        return matcher.replaceAll(match -> {
            String kept = match.group(1) != null ? match.group(1) : match.group(2) != null ? match.group(2) : "";
            return Matcher.quoteReplacement(kept + MASK);
        });
    }
}
