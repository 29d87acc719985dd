package io.tandem.common.session;

import java.time.Instant;

/**
 * A session key whose MAC has been checked: the cluster that started the checkout, when the key stops being
 * honoured, and its random id (safe to log, unlike the whole key).
 *
 * @param cluster   the cluster that issued the key, e.g. {@code a} or {@code b}
 * @param expiresAt the instant from which the key is refused
 * @param id        the key's random part
 */
public record SessionKey(String cluster, Instant expiresAt, String id) {
}
