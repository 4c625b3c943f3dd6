package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.queue.QueueStore.ContactRecord;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.NumberText;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.TableDesign;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Applying a queue_snapshot to stored state: the contact items it corrects and the queue's waiting counts it
 * replaces. Reads and writes through {@link QueueStore}'s items (queue state, contacts, event ids).
 */
public final class QueueSnapshots {
    private final Backend backend;
    private final QueueStore store;

    public QueueSnapshots(Backend backend, QueueStore store) {
        this.backend = backend;
        this.store = store;
    }

    /**
     * Applies one part of a queue_snapshot to the queue's waiting counts: the first part of a newer snapshot replaces
     * the channel's counts of contacts who joined before its minute; each part adds its contacts, but those
     * {@code excluded} (counted by their own events: {@link QueueAggregation#countedByItsEvents}). The minute of
     * {@code as_of} is kept, for it holds contacts who joined after {@code as_of} too. One transaction of the event marker and the whole item, conditioned on
     * the revision read, so no event's count slips in between. A part of an older snapshot changes nothing.
     */
    public QueueStore.Outcome applySnapshot(
            String tenantId, QueueEvent.SnapshotReported s, Set<String> excluded, long nowMillis) {
        Map<String, AttributeValue> item = store.queueState(tenantId, s.menuId());
        String snapName = QueueStateMapper.SNAPSHOT + s.channel().wireName();
        String partsName = QueueStateMapper.SNAPSHOT_PARTS + s.channel().wireName();
        Long current = Attr.numberOrNull(item, snapName);
        long asOf = s.occurredAtMillis();
        String part = Integer.toString(s.part());
        AttributeValue storedParts = item.get(partsName);
        Set<String> parts = new LinkedHashSet<>(
                current != null && current == asOf && storedParts != null && storedParts.hasSs()
                        ? storedParts.ss()
                        : List.of());
        List<TransactWriteItem> actions = new ArrayList<>(2);
        actions.add(store.eventMarker(tenantId, s.eventId(), nowMillis));
        if (current != null && (asOf < current || parts.contains(part))) {
            // superseded by a newer snapshot, or this part counted already: only the event id is kept
            QueueStore.Result result = store.transact(actions);
            return result.outcome() == QueueStore.Outcome.APPLIED && asOf < current
                    ? QueueStore.Outcome.APPLIED
                    : QueueStore.Outcome.DUPLICATE;
        }
        Map<String, AttributeValue> next =
                new HashMap<>(item.isEmpty() ? QueueStateMapper.key(tenantId, s.menuId()) : item);
        // the write is conditioned on the revision read, so counts read as zero can go whatever their minute
        next.entrySet().removeIf(a -> QueueStateMapper.isEmptiedCount(a.getKey(), a.getValue()));
        next.put(QueueStateMapper.TYPE, Attr.s(QueueStateMapper.ITEM_TYPE));
        next.put(QueueStateMapper.MENU_ID, Attr.n(s.menuId()));
        long moved = 0;
        if (current == null || asOf > current) {
            long staleBefore = asOf - QueueStateMapper.MAX_WAIT_SECONDS * 1000;
            for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
                if (QueueStateMapper.isWaitingBucketBefore(a.getKey(), s.channel(), asOf)
                        && !QueueStateMapper.isWaitingBucketBefore(a.getKey(), s.channel(), staleBefore)) {
                    moved -= Attr.number(item, a.getKey(), 0);
                }
            }
            next.keySet().removeIf(name -> QueueStateMapper.isWaitingBucketBefore(name, s.channel(), asOf));
            // and the five-second slots of the split minutes among them
            long nowMinute = Math.floorDiv(nowMillis, QueueStateMapper.WAIT_BUCKET_MILLIS);
            long asOfMinute = Math.floorDiv(asOf, QueueStateMapper.WAIT_BUCKET_MILLIS);
            for (long m = nowMinute - QueueStateMapper.JOIN_SPLIT_MINUTES + 1;
                    m < Math.min(asOfMinute, nowMinute + 1);
                    m++) {
                next.remove(QueueStateMapper.joinRing(s.channel(), m));
            }
        }
        Map<String, Long> counts = new HashMap<>();
        Map<String, BigInteger> slots = new HashMap<>();
        for (QueueEvent.SnapshotContact c : s.waiting()) {
            if (QueueAggregation.countedBySnapshot(s, c, excluded)) {
                counts.merge(
                        QueueStateMapper.waitingBucket(s.channel(), c.priority(), c.queuedAtMillis()), 1L, Long::sum);
                if (QueueStateMapper.joinSlotsKept(c.queuedAtMillis(), nowMillis)) {
                    slots.merge(
                            QueueStateMapper.joinRing(
                                    s.channel(),
                                    Math.floorDiv(c.queuedAtMillis(), QueueStateMapper.WAIT_BUCKET_MILLIS)),
                            QueueStateMapper.joinSlotDelta(c.queuedAtMillis()),
                            BigInteger::add);
                }
                moved++;
            }
        }
        counts.forEach((name, n) -> next.put(name, Attr.n(n + Attr.number(next, name, 0))));
        slots.forEach((name, n) -> {
            AttributeValue was = next.get(name);
            BigInteger sum = was == null || was.n() == null
                    ? n
                    : new BigDecimal(was.n()).toBigInteger().add(n);
            next.put(name, AttributeValue.fromN(sum.toString()));
        });
        bookMoved(next, s.channel(), Math.min(asOf, nowMillis), moved);
        parts.add(part);
        next.put(snapName, Attr.n(asOf));
        next.put(partsName, AttributeValue.builder().ss(parts).build());
        actions.add(store.replaceQueueState(item, next));
        QueueStore.Result result = store.transact(actions);
        return result.outcome() == QueueStore.Outcome.CONDITION_FAILED ? QueueStore.Outcome.CONFLICT : result.outcome();
    }

    /**
     * The contacts a snapshot added to the waiting counts (or, negative, took away) book as contacts joining (or
     * leaving) the line at {@code atMillis}, as events would: the time waited is read from the count and these
     * flows together ({@code QueueSnapshot.Flows}), which must stay consistent. Contacts beyond the wait limit are
     * left out on both sides.
     */
    private static void bookMoved(Map<String, AttributeValue> next, Channel channel, long atMillis, long moved) {
        if (moved == 0) {
            return;
        }
        QueueStateWriter.Flow flow = moved > 0 ? QueueStateWriter.Flow.JOINED_LINE : QueueStateWriter.Flow.LEFT_LINE;
        long bucket = DecayedSum.bucket(atMillis);
        long[] taus = {DecayedSum.TAU_MILLIS, DecayedSum.LONG_TAU_MILLIS};
        for (int i = 0; i < taus.length; i++) {
            String name = QueueStateMapper.stat(QueueStateMapper.flowPrefix(flow, i == 1), channel, bucket);
            double value = NumberText.parseDouble(
                            next.containsKey(name) ? next.get(name).n() : "0")
                    + Math.abs(moved) * DecayedSum.weight(atMillis, taus[i]);
            next.put(name, QueueStore.number(value));
        }
    }

    /**
     * Brings the contact items of a snapshot's waiting contacts in line with it, so their later events move the
     * counts the snapshot set: a contact unknown, or known otherwise as of an earlier moment, is recorded as waiting
     * in the snapshot's queue since its {@code queued_at}. A contact whose item moved after {@code as_of} keeps it.
     * Returns the ids its events already counted, for the snapshot's counts to leave out. BatchGet of
     * 100 contacts a call; writes in transactions of up to 100, each conditioned on the item not having moved on.
     */
    public Set<String> reconcileSnapshotContacts(String tenantId, QueueEvent.SnapshotReported s, long nowMillis) {
        Set<String> counted = new HashSet<>();
        List<QueueEvent.SnapshotContact> toRecord = new ArrayList<>();
        List<QueueEvent.SnapshotContact> all = s.waiting();
        List<Map<String, AttributeValue>> keys = new ArrayList<>(all.size());
        for (QueueEvent.SnapshotContact c : all) {
            keys.add(ContactMapper.key(tenantId, c.contactId()));
        }
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (Map<String, AttributeValue> item : Queries.byKeys(backend, keys)) {
            found.put(Attr.string(item, TableDesign.PK), item);
        }
        for (QueueEvent.SnapshotContact c : all) {
            Map<String, AttributeValue> item = found.get(ContactMapper.key(tenantId, c.contactId())
                    .get(TableDesign.PK)
                    .s());
            Optional<ContactRecord> known = Optional.ofNullable(item).map(ContactMapper::fromItem);
            QueueAggregation.SnapshotContactStep step = QueueAggregation.snapshotContact(s, known);
            if (step == QueueAggregation.SnapshotContactStep.RECORD_WAITING) {
                toRecord.add(c);
            } else if (QueueAggregation.countedByItsEvents(s, c, step)) {
                counted.add(c.contactId());
            }
        }
        for (int from = 0; from < toRecord.size(); from += 100) {
            List<TransactWriteItem> writes = new ArrayList<>();
            for (QueueEvent.SnapshotContact c : toRecord.subList(from, Math.min(toRecord.size(), from + 100))) {
                writes.add(recordWaiting(tenantId, s, c, nowMillis));
            }
            if (store.transact(writes).outcome() != QueueStore.Outcome.APPLIED) {
                // one of them moved on meanwhile: the others one by one
                for (TransactWriteItem w : writes) {
                    store.transact(List.of(w));
                }
            }
        }
        return counted;
    }

    private TransactWriteItem recordWaiting(
            String tenantId, QueueEvent.SnapshotReported s, QueueEvent.SnapshotContact c, long nowMillis) {
        ContactRecord waiting = QueueAggregation.waitingAsOf(s, c);
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(backend.table())
                        .item(ContactMapper.toItem(
                                tenantId, c.contactId(), waiting, nowMillis / 1000 + QueueStore.RETENTION_SECONDS))
                        .conditionExpression("attribute_not_exists(PK) OR #at <= :asOf")
                        .expressionAttributeNames(Map.of("#at", ContactMapper.STATE_AT))
                        .expressionAttributeValues(Map.of(":asOf", Attr.n(s.occurredAtMillis())))
                        .build())
                .build();
    }
}
