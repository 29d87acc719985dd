package io.tandem.cluster.admission;

import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderName;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;

import io.tandem.common.api.ApiException;
import io.tandem.common.api.Replies;
import io.tandem.common.api.Reply;
import io.tandem.common.api.Shedding;
import io.tandem.common.session.SessionKeys;

/**
 * The cluster's admission control: the first filter of its routing, so a refusal comes before identity checks,
 * body reads, rate limits or any store call. Probes pass uncounted; the rest take a slot of the {@link PriorityGate}
 * or are answered 503 {@code CLUSTER_BUSY} with {@code Retry-After}, in the house error shape.
 */
public final class Admission {
    public static final String CODE = "CLUSTER_BUSY";
    private static final HeaderName SESSION_KEY = HeaderNames.create(SessionKeys.HEADER);

    private final AdmissionConfig config;
    private final PriorityRules rules;
    private final PriorityGate gate;
    private final AdmissionMetrics metrics;

    Admission(AdmissionConfig config, PriorityRules rules, PriorityGate gate) {
        this.config = config;
        this.rules = rules;
        this.gate = gate;
        this.metrics = new AdmissionMetrics(gate);
    }

    /**
     * From the root config: node {@code admission}, and the session keys ({@code session}) that tell a checkout
     * under way. Without a usable session secret no key verifies, so every request counts as a new session.
     *
     * @param root root config
     * @return admission control
     */
    public static Admission create(Config root) {
        AdmissionConfig config = AdmissionConfig.create(root.get("admission"));
        SessionKeys keys;
        try {
            keys = SessionKeys.create(root.get("session"));
        } catch (IllegalArgumentException e) {
            keys = null;
        }
        SessionKeys verifier = keys;
        PriorityRules rules = new PriorityRules(config.bypass(), config.continuations(),
                raw -> verifier != null && verifier.verify(raw).isPresent());
        return new Admission(config, rules, PriorityGate.create(config));
    }

    /**
     * Adds the filter; register it before any other.
     *
     * @param routing the cluster's routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            Priority priority = rules.classify(req.prologue().method().text(), req.path().path(),
                    req.headers().first(SESSION_KEY).orElse(null));
            // switched off: every request passes uncounted, as a probe does
            Optional<PriorityGate.Permit> permit = gate.tryAcquire(config.enabled() ? priority : Priority.PROBE);
            if (permit.isEmpty()) {
                metrics.refused(priority);
                Reply busy = busy(priority);
                if (req.prologue().method() == Method.HEAD) {
                    // an answer to HEAD has no body (RFC 9110 9.3.2)
                    res.status(busy.status());
                    busy.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
                    res.send();
                    return;
                }
                Replies.send(busy, res);
                return;
            }
            metrics.admitted(priority);
            boolean answered = false;
            try {
                chain.proceed();
                answered = true;
            } finally {
                permit.get().release(answered);
            }
        });
    }

    PriorityGate gate() {
        return gate;
    }

    Reply busy(Priority priority) {
        String message = priority == Priority.NEW_SESSION
                ? "This cluster is at capacity and starts no new checkout right now."
                : "This cluster is at capacity; your checkout is safe.";
        return ApiException.unavailable(CODE, message,
                "Retry after the Retry-After seconds with the same Idempotency-Key.", config.retryAfter()).toReply()
                .withHeader(Shedding.HEADER, priority.label());
    }
}
