package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.MenuTree;
import dev.contactcenter.core.menu.MenuListingMapper;
import dev.contactcenter.core.menu.MenuMapper;
import dev.contactcenter.core.queue.QueueStateMapper;
import dev.contactcenter.core.store.TableDesign;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Menus and queue state parsed by earlier requests of this execution environment, reused while the
 * stored item is unchanged. Every menu write bumps the menu's {@code version} and every queue-state write
 * its {@code rev}, so an item's key and that number name one content exactly. Parsing a thousand items
 * costs more CPU than estimating their waits, and between two requests only some of them change.
 */
final class ParsedItems {
    /** A few large tenants per execution environment; beyond this everything is dropped and re-read. */
    private static final int MAX_ENTRIES = 50_000;

    /** A parsed item and the stored number (as text, compared without parsing) that names its content. */
    private record Parsed<T>(String version, long day, T value) {}

    /** A queue-state item as read, with its menu's id. */
    record Queue(long menuId, QueueStateMapper.QueueState state) {}

    /** The menus built from a tenant's listings, and the listings' keys and versions they were built from. */
    private record Listed(List<String> keys, List<String> versions, List<Menu> menus) {}

    /** The last depth-first order computed and the menus it was computed from. */
    private record Order(List<Menu> menus, List<Menu> depthFirst) {}

    private final Map<String, Partition> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger entries = new AtomicInteger();

    /** The parsed items of one menu partition (one tenant). */
    Partition partition(String pk) {
        return partitions.computeIfAbsent(pk, k -> new Partition());
    }

    final class Partition {
        private final Map<String, Parsed<Menu>> menus = new ConcurrentHashMap<>();
        private final Map<String, Parsed<Queue>> queues = new ConcurrentHashMap<>();
        private volatile Order order = new Order(List.of(), List.of());
        private volatile Listed listed = new Listed(List.of(), List.of(), List.of());

        /**
         * The menus of these listings, the same instances while the same listings (keys and versions, in order)
         * come again. Menus built from listings take their paths from each other, so any change rebuilds them all;
         * menus change rarely, and a thousand are built in about a millisecond.
         */
        List<Menu> listed(List<Map<String, AttributeValue>> listings) {
            Listed last = listed;
            if (last.keys().size() == listings.size()) {
                boolean same = true;
                for (int i = 0; i < listings.size() && same; i++) {
                    Map<String, AttributeValue> item = listings.get(i);
                    same = last.keys().get(i).equals(item.get(TableDesign.SK).s())
                            && Objects.equals(last.versions().get(i), numberText(item, MenuListingMapper.VERSION));
                }
                if (same) {
                    return last.menus();
                }
            }
            List<String> keys = new ArrayList<>(listings.size());
            List<String> versions = new ArrayList<>(listings.size());
            for (Map<String, AttributeValue> item : listings) {
                keys.add(item.get(TableDesign.SK).s());
                versions.add(numberText(item, MenuListingMapper.VERSION));
            }
            List<Menu> menus = MenuListingMapper.menus(listings);
            listed = new Listed(keys, versions, menus);
            return menus;
        }

        /** The menu item with this sort key. */
        Menu menu(String sk, Map<String, AttributeValue> item) {
            String version = numberText(item, "version");
            Parsed<Menu> cached = menus.get(sk);
            if (cached != null && version != null && version.equals(cached.version())) {
                return cached.value();
            }
            Menu menu = MenuMapper.fromItem(item);
            remember(menus, sk, new Parsed<>(version, 0, menu), cached);
            return menu;
        }

        /** The queue-state item with this sort key, read for the day {@code today}. */
        Queue queue(String sk, Map<String, AttributeValue> item, long today) {
            String revision = numberText(item, QueueStateMapper.REVISION);
            if (revision == null) {
                return new Queue(QueueStateMapper.menuId(item), QueueStateMapper.read(item, today));
            }
            Parsed<Queue> cached = queues.get(sk);
            if (cached != null && cached.day() == today && revision.equals(cached.version())) {
                return cached.value();
            }
            Queue queue = new Queue(QueueStateMapper.menuId(item), QueueStateMapper.read(item, today));
            remember(queues, sk, new Parsed<>(revision, today, queue), cached);
            return queue;
        }

        /**
         * {@link MenuTree#depthFirst} of the menus, reused while the same (cached, so identical) menus come in the
         * same order: sorting a thousand menus on every request would cost a good share of its CPU.
         */
        List<Menu> depthFirst(List<Menu> all) {
            Order last = order;
            if (sameInstances(last.menus(), all)) {
                return last.depthFirst();
            }
            List<Menu> ordered = MenuTree.depthFirst(all);
            order = new Order(all, ordered);
            return ordered;
        }
    }

    private static boolean sameInstances(List<Menu> a, List<Menu> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static String numberText(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.n();
    }

    private <T> void remember(Map<String, Parsed<T>> into, String sk, Parsed<T> parsed, Parsed<T> previous) {
        if (previous == null && entries.incrementAndGet() > MAX_ENTRIES) {
            partitions.clear();
            entries.set(1);
        }
        into.put(sk, parsed);
    }
}
