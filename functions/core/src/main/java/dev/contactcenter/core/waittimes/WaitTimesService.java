package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuTree;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.MenuMapper;
import dev.contactcenter.core.store.MenuStore;
import dev.contactcenter.core.store.QueueStateMapper;
import dev.contactcenter.core.store.QueueStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimated wait times of a tenant's queues: one Query reads the menus and their queue state
 * together, the EWT engine estimates each served channel, and the rows come out in tree order.
 */
public final class WaitTimesService {
    private final Backend backend;
    private final MenuStore menus;
    private final QueueStore queues;

    public WaitTimesService(Backend backend) {
        this.backend = backend;
        this.menus = new MenuStore(backend);
        this.queues = new QueueStore(backend);
    }

    public List<WaitTimeRow> waitTimes(String tenantId, WaitTimesQuery query) {
        return rows(queues.menuPartition(menus, tenantId), query, backend.clock().millis());
    }

    /** The rows from already-read items: the whole computation without I/O (what the CPU benchmark measures). */
    public static List<WaitTimeRow> rows(List<Map<String, AttributeValue>> items, WaitTimesQuery query, long nowMillis) {
        List<Menu> all = new ArrayList<>(items.size() / 2 + 1);
        Map<Long, Map<String, AttributeValue>> state = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            if (MenuMapper.isMenu(item)) {
                all.add(MenuMapper.fromItem(item));
            } else if (QueueStateMapper.isQueueState(item)) {
                state.put(QueueStateMapper.menuId(item), item);
            }
        }
        String subtree = null;
        if (query.menuId().isPresent()) {
            for (Menu m : all) {
                if (m.id() == query.menuId().get()) {
                    subtree = m.treePath();
                }
            }
            if (subtree == null) {
                throw ApiException.notFound("No menu " + query.menuId().get() + ".");
            }
        }
        DecayedSum.At decay = DecayedSum.at(nowMillis);
        List<WaitTimeRow> rows = new ArrayList<>();
        // order the whole structure first: filtering out a parent must not move its children
        for (Menu m : MenuTree.depthFirst(all)) {
            if ((subtree == null || m.treePath().startsWith(subtree)) && m.servesLanguage(query.lang())
                    && query.menuType().map(t -> t == m.menuType()).orElse(true)
                    && query.channel().map(m::serves).orElse(true)) {
                WaitTimeRow row = row(m, state.get(m.id()), query, decay, nowMillis);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static WaitTimeRow row(Menu m, Map<String, AttributeValue> item, WaitTimesQuery query, DecayedSum.At decay,
                                   long nowMillis) {
        Map<Channel, QueueSnapshot> snapshots = QueueStateMapper.snapshots(item, m.defaultHandleTimeSeconds(), decay);
        List<Channel> shown = query.channel().map(List::of).orElse(m.channels());
        List<WaitTimeRow.ChannelEstimate> estimates = new ArrayList<>(shown.size());
        boolean inBounds = !query.bounded();
        Set<AgentPresence> agents = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Channel c : shown) {
            QueueSnapshot q = snapshots.get(c);
            agents.addAll(q.agents());
            Estimate e = query.predictor().estimate(q, m.priority(), nowMillis);
            estimates.add(new WaitTimeRow.ChannelEstimate(c, e));
            inBounds |= e.seconds() != null && query.withinBounds(e.seconds());
        }
        if (!inBounds) {
            return null;
        }
        int loggedIn = 0;
        int available = 0;
        int breakthrough = 0;
        for (AgentPresence a : agents) {
            if (a.breakthrough()) {
                breakthrough++;
            } else {
                loggedIn++;
                available += a.status() == AgentStatus.AVAILABLE ? 1 : 0;
            }
        }
        return new WaitTimeRow(m, estimates, loggedIn, available, breakthrough);
    }
}
