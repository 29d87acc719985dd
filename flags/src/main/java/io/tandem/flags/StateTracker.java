package io.tandem.flags;

import io.getunleash.UnleashException;
import io.getunleash.event.ClientFeaturesResponse;
import io.getunleash.event.UnleashSubscriber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Listens to the client: when the state was last fetched, whether start-up got a first answer, and each new state
 * (handed to the pure evaluator).
 */
final class StateTracker implements UnleashSubscriber {
    private final CountDownLatch firstAnswer = new CountDownLatch(1);
    private final Instant startedAt = Instant.now();
    private final Instant backupWrittenAt;
    private volatile Instant lastFetch;
    private volatile Consumer<String> newState = json -> { };

    StateTracker(Path backupFile) {
        this.backupWrittenAt = lastModified(backupFile);
    }

    void onNewState(Consumer<String> consumer) {
        this.newState = consumer;
    }

    @Override
    public void togglesFetched(ClientFeaturesResponse response) {
        if (response.getStatus() != ClientFeaturesResponse.Status.UNAVAILABLE) {
            lastFetch = Instant.now();
        }
        if (response.getStatus() == ClientFeaturesResponse.Status.CHANGED) {
            response.getClientFeatures().ifPresent(json -> newState.accept(json));
        }
        firstAnswer.countDown();
    }

    @Override
    public void onError(UnleashException unleashException) {
        firstAnswer.countDown();
    }

    CountDownLatch firstAnswer() {
        return firstAnswer;
    }

    boolean fetchedSinceStart() {
        return lastFetch != null;
    }

    /** Since the last fetch; before one, since the backup the state came from was written, else since start. */
    Duration stateAge() {
        Instant since = lastFetch != null ? lastFetch : backupWrittenAt != null ? backupWrittenAt : startedAt;
        return Duration.between(since, Instant.now());
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
