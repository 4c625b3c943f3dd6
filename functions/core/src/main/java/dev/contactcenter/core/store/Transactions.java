package dev.contactcenter.core.store;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs a write transaction and says which condition failed. A cancellation caused only by another
 * transaction in flight on the same items (TransactionConflict) is retried with jittered backoff:
 * the conditions are re-evaluated against the winner's result, so the loser ends with a real answer.
 */
public final class Transactions {
    private static final int ATTEMPTS = 6;

    private final Backend backend;

    public Transactions(Backend backend) {
        this.backend = backend;
    }

    /**
     * Empty when the transaction committed; otherwise the index of the first action whose condition
     * failed. Throws {@link StaleWriteException} when conflicts persist.
     */
    public OptionalInt write(List<TransactWriteItem> actions) {
        for (int attempt = 1; ; attempt++) {
            try {
                backend.dynamo().transactWriteItems(b -> b.transactItems(actions));
                return OptionalInt.empty();
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                for (int i = 0; i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        return OptionalInt.of(i);
                    }
                }
                if (attempt == ATTEMPTS) {
                    throw new StaleWriteException("Concurrent transactions kept conflicting", e);
                }
                sleep(ThreadLocalRandom.current().nextLong(5, 25L * attempt));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StaleWriteException("Interrupted while retrying a transaction", e);
        }
    }
}
