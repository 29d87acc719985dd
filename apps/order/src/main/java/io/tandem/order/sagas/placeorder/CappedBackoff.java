package io.tandem.order.sagas.placeorder;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

/**
 * When a step must be retried later: the order's task runs again after an exponential backoff with jitter,
 * capped, and never gives up (an unsettled charge can only be settled by asking again).
 */
final class CappedBackoff implements FailureHandler<Void> {
    private final long baseMillis;
    private final long capMillis;

    CappedBackoff(Duration base, Duration cap) {
        this.baseMillis = Math.max(1, base.toMillis());
        this.capMillis = Math.max(baseMillis, cap.toMillis());
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
        int failures = complete.getExecution().consecutiveFailures;
        long ceiling = Math.min(capMillis, baseMillis << Math.min(failures, 20));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        operations.reschedule(complete, Instant.now().plusMillis(delay));
    }
}
