package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.queue.QuoteLedger;
import dev.contactcenter.core.queue.SettledQuote;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.TableDesign;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The accuracy ledger: settled quotes ({@link SettledQuoteMapper}), written with the queue event that settles them. */
public final class AccuracyStore implements QuoteLedger {
    /** How long a settled quote is kept after its settle time: the longest window the ledger is read for (7 days). */
    public static final long RETENTION_SECONDS = 7 * 86_400L;

    private final Backend backend;

    public AccuracyStore(Backend backend) {
        this.backend = backend;
    }

    /**
     * The ledger entry, for the transaction that moves the contact out of the line. Unconditional: that move is
     * conditioned on the contact's state and happens once, and a rewrite of the same key writes the same entry.
     */
    @Override
    public TransactWriteItem put(String tenantId, SettledQuote s) {
        long expiresAt = s.settledAtMillis() / 1000 + RETENTION_SECONDS;
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(SettledQuoteMapper.toItem(tenantId, s, expiresAt))
                        .build())
                .build();
    }

    /**
     * Quotes settled from {@code fromMillis} to {@code toMillis} (both included), of one menu's subtree (as the
     * tree stood when each contact joined) and one language if given: one Query on one key range, a request
     * per MB page, filtered by DynamoDB. Eventually consistent, like the wait times.
     */
    public void forEachSettled(
            String tenantId,
            long fromMillis,
            long toMillis,
            Optional<Long> subtreeOf,
            Optional<String> lang,
            Consumer<SettledQuote> each) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Attr.s(SettledQuoteMapper.pk(tenantId)));
        values.put(":from", Attr.s(SettledQuoteMapper.timeKey(fromMillis)));
        values.put(":to", Attr.s(SettledQuoteMapper.timeKey(toMillis + 1)));
        Map<String, String> names = new HashMap<>();
        List<String> filters = new ArrayList<>();
        subtreeOf.ifPresent(id -> {
            names.put("#path", SettledQuoteMapper.TREE_PATH);
            values.put(":menu", Attr.s("/" + TableDesign.paddedId(id) + "/"));
            filters.add("contains(#path, :menu)");
        });
        lang.ifPresent(l -> {
            names.put("#lang", SettledQuoteMapper.LANG);
            values.put(":lang", Attr.s(l));
            filters.add("#lang = :lang");
        });
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(backend.table())
                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
        }
        Queries.forEachItem(backend, query.build(), item -> each.accept(SettledQuoteMapper.fromItem(item)));
    }
}
