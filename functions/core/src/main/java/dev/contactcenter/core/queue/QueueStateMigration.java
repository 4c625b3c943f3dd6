package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Queries;
import dev.contactcenter.core.store.TableDesign;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one-off move of a tenant's queue state from its first shape to the bounded one (run by
 * {@code ops migrate-queue-state}). The first shape kept one item per menu in the menu partition
 * ({@code TENANT#t#MENUS / QUEUE#{id16}}) with an attribute per waiting contact ({@code c#{contact id}} =
 * "{channel} {priority} {queued at ms}"), per contact with an agent ({@code s#{contact id}} = "{channel}
 * {entered service at s}") and per agent ({@code a#{agent id}} = "{status} {channels,} {queues} {chat
 * concurrency} {breakthrough 0|1}"), beside the decayed statistics, which kept their names.
 *
 * <p>Each old item becomes counts in the new item (added to what events wrote there since the deploy), in one
 * transaction that also deletes the old item, so a second run finds nothing left to add. Agents' items get the
 * kind (channels, chat concurrency, breakthrough) their counts were added under, so their next status takes
 * exactly that away. Contacts' items need nothing: their shape did not change. Entries older than the longest
 * {@link dev.contactcenter.core.domain.StaleLimits} would count for nothing and are left out.
 */
public final class QueueStateMigration {
    /** What a run moved: old items, waiting contacts, contacts with an agent, agents. */
    public record Report(int queues, int waiting, int withAgent, int agents) {}

    private static final int MAX_ATTEMPTS = 5;

    private final Backend backend;
    private final QueueStore store;

    public QueueStateMigration(Backend backend, QueueStore store) {
        this.backend = backend;
        this.store = store;
    }

    /** Moves every old queue-state item of the tenant; with {@code dryRun}, only counts them. */
    public Report migrate(String tenantId, boolean dryRun) {
        QueryRequest oldItems = QueryRequest.builder()
                .tableName(backend.table())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
                .expressionAttributeValues(Map.of(
                        ":pk", Attr.s(TableDesign.menusPk(tenantId)),
                        ":sk", Attr.s(TableDesign.QUEUE_SK_PREFIX)))
                .consistentRead(true)
                .build();
        int queues = 0;
        int waiting = 0;
        int withAgent = 0;
        int agents = 0;
        long now = backend.clock().millis();
        for (Map<String, AttributeValue> old : Queries.allPages(backend, oldItems)) {
            Converted c = convert(old, now);
            queues++;
            waiting += c.waiting;
            withAgent += c.withAgent;
            agents += c.agentKinds.size();
            if (!dryRun) {
                c.agentKinds.forEach((agentId, kind) -> giveAgentItsKind(tenantId, agentId, kind));
                move(tenantId, old, c);
            }
        }
        return new Report(queues, waiting, withAgent, agents);
    }

    /** An old item's content in the new item's terms. */
    private static final class Converted {
        final long menuId;
        final Map<String, BigDecimal> adds = new HashMap<>();
        final Map<String, AttributeValue> keepIfAbsent = new HashMap<>();
        final Map<String, String[]> agentKinds = new HashMap<>();
        int waiting;
        int withAgent;

        Converted(long menuId) {
            this.menuId = menuId;
        }
    }

    private static Converted convert(Map<String, AttributeValue> old, long now) {
        String sk = Attr.string(old, TableDesign.SK);
        Converted c = new Converted(Long.parseLong(sk.substring(TableDesign.QUEUE_SK_PREFIX.length())));
        long waitCutoff = now - QueueStateMapper.MAX_WAIT_SECONDS * 1000;
        long serviceCutoff = now / 1000 - QueueStateMapper.MAX_HANDLE_SECONDS;
        old.forEach((name, value) -> {
            if (name.equals(TableDesign.PK)
                    || name.equals(TableDesign.SK)
                    || name.equals(QueueStateMapper.TYPE)
                    || name.equals(QueueStateMapper.MENU_ID)
                    || name.equals(QueueStateMapper.REVISION)) {
                return;
            }
            if (value.s() != null && name.startsWith(QueueStateMapper.CONTACT)) {
                String[] v = value.s().split(" ");
                Channel channel = Channel.fromWire(v[0]).orElseThrow();
                long queuedAt = Long.parseLong(v[2]);
                if (queuedAt >= waitCutoff) {
                    c.adds.merge(
                            QueueStateMapper.waitingBucket(channel, Long.parseLong(v[1]), queuedAt),
                            BigDecimal.ONE,
                            BigDecimal::add);
                    if (QueueStateMapper.joinSlotsKept(queuedAt, now)) {
                        c.adds.merge(
                                QueueStateMapper.joinRing(
                                        channel, Math.floorDiv(queuedAt, QueueStateMapper.WAIT_BUCKET_MILLIS)),
                                new BigDecimal(QueueStateMapper.joinSlotDelta(queuedAt)),
                                BigDecimal::add);
                    }
                    c.waiting++;
                }
            } else if (value.s() != null && name.startsWith(QueueStateMapper.SERVICE)) {
                String[] v = value.s().split(" ");
                long startedAt = Long.parseLong(v[1]);
                if (startedAt >= serviceCutoff) {
                    c.adds.merge(
                            QueueStateMapper.serviceBucket(
                                    Channel.fromWire(v[0]).orElseThrow(), startedAt * 1000),
                            BigDecimal.ONE,
                            BigDecimal::add);
                    c.withAgent++;
                }
            } else if (value.s() != null && name.startsWith(QueueStateMapper.AGENT)) {
                String[] v = value.s().split(" ");
                c.agentKinds.put(name.substring(QueueStateMapper.AGENT.length()), v);
                c.adds.merge(
                        QueueStateMapper.agentKind(
                                AgentStatus.fromWire(v[0]).orElseThrow(),
                                channels(v[1]),
                                Integer.parseInt(v[2]),
                                Integer.parseInt(v[3]),
                                v[4].equals("1")),
                        BigDecimal.ONE,
                        BigDecimal::add);
            } else if (value.n() != null && !name.startsWith(QueueStateMapper.LES_AT)) {
                // the decayed statistics kept their names and add up with what events wrote since
                c.adds.merge(name, new BigDecimal(value.n()), BigDecimal::add);
            } else {
                // the last contact to enter service and its time: the newer events' own, if any, win
                c.keepIfAbsent.put(name, value);
            }
        });
        return c;
    }

    private static List<Channel> channels(String list) {
        List<Channel> channels = new ArrayList<>();
        for (String c : list.split(",")) {
            Channel.fromWire(c).ifPresent(channels::add);
        }
        return channels;
    }

    /** The agent's item gets the kind its counts carry, unless a status since the deploy already gave it one. */
    private void giveAgentItsKind(String tenantId, String agentId, String[] kind) {
        List<String> channels = new ArrayList<>();
        channels(kind[1]).forEach(ch -> channels.add(ch.wireName()));
        try {
            backend.dynamo()
                    .updateItem(b -> b.tableName(backend.table())
                            .key(AgentMapper.key(tenantId, agentId))
                            .conditionExpression("attribute_exists(PK) AND attribute_not_exists(#ch)")
                            .updateExpression("SET #ch = :ch, #cc = :cc, #bt = :bt")
                            .expressionAttributeNames(Map.of(
                                    "#ch", AgentMapper.CHANNELS,
                                    "#cc", AgentMapper.CHAT_CONCURRENCY,
                                    "#bt", AgentMapper.BREAKTHROUGH))
                            .expressionAttributeValues(Map.of(
                                    ":ch", Attr.strings(channels),
                                    ":cc", Attr.n(Long.parseLong(kind[3])),
                                    ":bt", Attr.bool(kind[4].equals("1")))));
        } catch (ConditionalCheckFailedException alreadyKnown) {
            // its item already has a kind (or it has none): nothing to give
        }
    }

    /** The new item with the old one's counts added, and the old one deleted, in one transaction. */
    private void move(String tenantId, Map<String, AttributeValue> old, Converted c) {
        long oldRevision = QueueStateMapper.revision(old);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> current = store.queueState(tenantId, c.menuId);
            Map<String, AttributeValue> next =
                    new HashMap<>(current.isEmpty() ? QueueStateMapper.key(tenantId, c.menuId) : current);
            next.put(QueueStateMapper.TYPE, Attr.s(QueueStateMapper.ITEM_TYPE));
            next.put(QueueStateMapper.MENU_ID, Attr.n(c.menuId));
            c.adds.forEach((name, delta) -> {
                AttributeValue was = next.get(name);
                BigDecimal sum = was == null || was.n() == null ? delta : new BigDecimal(was.n()).add(delta);
                next.put(name, AttributeValue.fromN(sum.toPlainString()));
            });
            c.keepIfAbsent.forEach(next::putIfAbsent);
            Delete.Builder delete = Delete.builder()
                    .tableName(backend.table())
                    .key(Map.of(TableDesign.PK, old.get(TableDesign.PK), TableDesign.SK, old.get(TableDesign.SK)));
            if (oldRevision >= 0) {
                delete.conditionExpression("#rev = :rev")
                        .expressionAttributeNames(Map.of("#rev", QueueStateMapper.REVISION))
                        .expressionAttributeValues(Map.of(":rev", Attr.n(oldRevision)));
            }
            try {
                backend.dynamo()
                        .transactWriteItems(b -> b.transactItems(
                                store.replaceQueueState(current, next),
                                TransactWriteItem.builder()
                                        .delete(delete.build())
                                        .build()));
                return;
            } catch (TransactionCanceledException e) {
                // an event wrote the new item in between (or the old one changed): read again and retry
            }
        }
        throw new IllegalStateException("Queue state of menu " + c.menuId + " kept changing; run the migration again.");
    }
}
