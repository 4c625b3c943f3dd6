package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.store.Backend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How good the quoted waits were: the settled quotes of a time window (one Query on the accuracy ledger),
 * summed up per queue, language and channel, ordered by menu id, language (unreported last) and channel.
 */
public final class AccuracyService {
    private record QueueKey(long menuId, String lang, Channel channel) {}

    private static final Comparator<QueueKey> ORDER = Comparator.comparingLong(QueueKey::menuId)
            .thenComparing(QueueKey::lang, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(QueueKey::channel);

    private final Backend backend;
    private final AccuracyStore ledger;

    public AccuracyService(Backend backend) {
        this.backend = backend;
        this.ledger = new AccuracyStore(backend);
    }

    /** The window ends now and covers the {@code windowMinutes} before, by settle time. */
    public AccuracyReport report(String tenantId, AccuracyQuery query) {
        long to = backend.clock().millis();
        long from = to - query.windowMinutes() * 60_000L;
        Map<QueueKey, AccuracyStats> rows = new TreeMap<>(ORDER);
        ledger.forEachSettled(
                tenantId,
                from,
                to,
                query.menuId(),
                query.lang(),
                s -> rows.computeIfAbsent(new QueueKey(s.menuId(), s.lang(), s.channel()), k -> new AccuracyStats())
                        .add(s));
        List<AccuracyReport.Row> queues = new ArrayList<>(rows.size());
        rows.forEach(
                (key, stats) -> queues.add(new AccuracyReport.Row(key.menuId(), key.lang(), key.channel(), stats)));
        return new AccuracyReport(query.windowMinutes(), from, to, queues);
    }
}
