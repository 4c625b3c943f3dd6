package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.MenuMapper;
import dev.contactcenter.core.store.QueueStateMapper;
import dev.contactcenter.core.store.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Menus and queue state parsed by earlier requests of this execution environment, reused while the
 * stored item is unchanged. Every menu write bumps the menu's {@code version} and every queue-state write
 * its {@code rev}, so an item's key and that number name one content exactly. Parsing a thousand items
 * costs more CPU than estimating their waits, and between two requests only some of them change.
 */
final class ParsedItems {
    /** A few large tenants per execution environment; beyond this everything is dropped and re-read. */
    private static final int MAX_ENTRIES = 50_000;

    private record Parsed<T>(long version, long day, T value) {
    }

    private final Map<String, Partition> partitions = new ConcurrentHashMap<>();
    private final AtomicInteger entries = new AtomicInteger();

    /** The parsed items of one menu partition (one tenant). */
    Partition partition(String pk) {
        return partitions.computeIfAbsent(pk, k -> new Partition());
    }

    final class Partition {
        private final Map<String, Parsed<Menu>> menus = new ConcurrentHashMap<>();
        private final Map<String, Parsed<QueueStateMapper.QueueState>> queues = new ConcurrentHashMap<>();

        Menu menu(Map<String, AttributeValue> item) {
            long version = Attr.number(item, "version", -1);
            String sk = Attr.string(item, TableDesign.SK);
            Parsed<Menu> cached = menus.get(sk);
            if (cached != null && cached.version() == version) {
                return cached.value();
            }
            Menu menu = MenuMapper.fromItem(item);
            remember(menus, sk, new Parsed<>(version, 0, menu), cached);
            return menu;
        }

        QueueStateMapper.QueueState queue(Map<String, AttributeValue> item, long today) {
            long revision = QueueStateMapper.revision(item);
            if (revision < 0) {
                return QueueStateMapper.read(item, today);
            }
            String sk = Attr.string(item, TableDesign.SK);
            Parsed<QueueStateMapper.QueueState> cached = queues.get(sk);
            if (cached != null && cached.version() == revision && cached.day() == today) {
                return cached.value();
            }
            QueueStateMapper.QueueState state = QueueStateMapper.read(item, today);
            remember(queues, sk, new Parsed<>(revision, today, state), cached);
            return state;
        }
    }

    private <T> void remember(Map<String, Parsed<T>> into, String sk, Parsed<T> parsed, Parsed<T> previous) {
        if (previous == null && entries.incrementAndGet() > MAX_ENTRIES) {
            partitions.clear();
            entries.set(1);
        }
        into.put(sk, parsed);
    }
}
