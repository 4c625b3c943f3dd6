package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.Estimate;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.hours.OpeningHours;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.menu.MenuHours;
import dev.contactcenter.core.menu.MenuListingMapper;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.MobileAppScope;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Estimated wait times of a tenant's queues: one Query reads the menus' listings and one per shard their queue
 * state, in parallel; the EWT engine estimates each served channel, and the rows come out in tree order.
 */
public final class WaitTimesService {
    private final Backend backend;
    private final MenuStore menus;
    private final QueueStore queues;
    private final ParsedItems parsed = new ParsedItems();

    public WaitTimesService(Backend backend) {
        this.backend = backend;
        this.menus = new MenuStore(backend);
        this.queues = new QueueStore(backend);
    }

    public List<WaitTimeRow> waitTimes(String tenantId, WaitTimesQuery query) {
        // the menus' listings and every queue state: the shards' Queries run beside the listings' one
        List<Map<String, AttributeValue>> items =
                queues.allQueueStatesBeside(tenantId, () -> menus.waitTimesItems(tenantId));
        return rows(tenantId, items, query, backend.clock().millis());
    }

    /**
     * Wait times as a mobile app's SDK sees them: only the app's parent queue (its in-app DAP menu and
     * below); a menu_id outside it is unknown to the app.
     */
    public List<WaitTimeRow> waitTimesForApp(String tenantId, WaitTimesQuery query, MobileAppScope.Scope app) {
        if (query.menuId().isPresent()
                && menus.get(tenantId, query.menuId().get())
                        .filter(app::contains)
                        .isEmpty()) {
            throw ApiException.notFound("No menu " + query.menuId().get() + " in this mobile app's queues.");
        }
        List<WaitTimeRow> rows = waitTimes(tenantId, query);
        rows.removeIf(row -> !app.contains(row.menu()));
        return rows;
    }

    /** The rows from already-read items: the whole computation without I/O (what the CPU benchmark measures). */
    public List<WaitTimeRow> rows(
            String tenantId, List<Map<String, AttributeValue>> items, WaitTimesQuery query, long nowMillis) {
        DecayedSum.At decay = DecayedSum.at(nowMillis);
        ParsedItems.Partition known = parsed.partition(TableDesign.menusPk(tenantId));
        List<Menu> all = new ArrayList<>(items.size() / 2 + 1);
        List<Map<String, AttributeValue>> listings = new ArrayList<>(items.size() / 2 + 1);
        Map<Long, QueueStateMapper.QueueState> state = new HashMap<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            // the sort key tells the item types apart: one attribute read fewer per item
            String sk = Attr.string(item, TableDesign.SK);
            if (sk == null) {
                continue;
            }
            if (sk.startsWith(MenuListingMapper.SK_PREFIX)) {
                listings.add(item);
            } else if (sk.startsWith(TableDesign.MENU_SK_PREFIX)) {
                // a tenant whose menus predate listings

                all.add(known.menu(sk, item));
            } else if (sk.startsWith(TableDesign.QUEUE_SK_PREFIX)) {
                ParsedItems.Queue queue = known.queue(sk, item, decay.bucket());
                state.put(queue.menuId(), queue.state());
            }
        }
        if (!listings.isEmpty()) {
            all.addAll(known.listed(listings));
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
        Map<Long, Menu> byId = new HashMap<>(all.size() * 2);
        for (Menu m : all) {
            byId.put(m.id(), m);
        }
        Instant now = Instant.ofEpochMilli(nowMillis);
        List<WaitTimeRow> rows = new ArrayList<>();
        MenuType menuType = query.menuType().orElse(null);
        Channel channel = query.channel().orElse(null);
        // order the whole structure first: filtering out a parent must not move its children
        for (Menu m : known.depthFirst(all)) {
            if ((subtree == null || m.treePath().startsWith(subtree))
                    && m.servesLanguage(query.lang())
                    && (menuType == null || menuType == m.menuType())
                    && (channel == null || m.serves(channel))) {
                QueueStateMapper.QueueState queue = state.get(m.id());
                OpeningHours hours = MenuHours.resolve(m, byId::get).hours();
                OpeningHours.Status status = hours.isAlwaysOpen() ? null : hours.status(now);
                WaitTimeRow row = status == null || status.open()
                        ? row(
                                m,
                                queue != null ? queue : QueueStateMapper.read(null, decay.bucket()),
                                query,
                                decay,
                                nowMillis)
                        : closed(m, query, status.nextOpen());
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** A queue outside its hours: no wait is quoted (a bounded query leaves it out), only when it opens. */
    private static WaitTimeRow closed(Menu m, WaitTimesQuery query, Instant opensAt) {
        if (query.bounded()) {
            return null;
        }
        List<WaitTimeRow.ChannelEstimate> estimates = new ArrayList<>();
        for (Channel c : query.channel().map(List::of).orElse(m.channels())) {
            estimates.add(new WaitTimeRow.ChannelEstimate(
                    c, Estimate.unavailable(Estimate.CLOSED, query.predictor().name())));
        }
        return new WaitTimeRow(m, estimates, 0, 0, 0, opensAt);
    }

    private static WaitTimeRow row(
            Menu m, QueueStateMapper.QueueState state, WaitTimesQuery query, DecayedSum.At decay, long nowMillis) {
        List<Channel> shown = query.channel().map(List::of).orElse(m.channels());
        List<WaitTimeRow.ChannelEstimate> estimates = new ArrayList<>(shown.size());
        boolean inBounds = !query.bounded();
        for (Channel c : shown) {
            QueueSnapshot q = state.snapshot(c, m.defaultHandleTimeSeconds(), m.staleLimits(), decay, nowMillis);
            Estimate e = query.predictor().estimate(q, m.priority(), nowMillis);
            estimates.add(new WaitTimeRow.ChannelEstimate(c, e));
            if (!inBounds && e.seconds() != null) {
                inBounds = query.withinBounds(e.seconds());
            }
        }
        if (!inBounds) {
            return null;
        }
        int[] agents = state.agentCounts(shown);
        return new WaitTimeRow(m, estimates, agents[0], agents[1], agents[2], null);
    }
}
