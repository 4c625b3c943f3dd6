package dev.contactcenter.core.queue;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Where a settled quote is recorded (the accuracy ledger, owned by {@code waittimes}): the write joins the
 * transaction of the queue event that settles it, so each quote is settled exactly once.
 */
public interface QuoteLedger {
    TransactWriteItem put(String tenantId, SettledQuote settled);
}
