package dev.contactcenter.scheduledcalls;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.contactcenter.core.calls.CallStore;
import dev.contactcenter.core.calls.DueCalls;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.queue.NewContactEstimates;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.core.waittimes.AccuracyStore;
import java.util.Map;

/**
 * The due-call job, invoked every minute by an EventBridge rule (and by the local runtime's timer): scheduled
 * call-backs whose time has come join their queues. The event's content does not matter: each run queues
 * everything due by its own clock.
 */
public final class QueueDueCalls implements RequestHandler<Map<String, Object>, Map<String, Integer>> {
    private final DueCalls due;

    public QueueDueCalls() {
        this(Backend.fromEnvironment());
    }

    public QueueDueCalls(Backend backend) {
        MenuStore menus = new MenuStore(backend);
        QueueStore queues = new QueueStore(backend);
        NewContactEstimates estimates = new NewContactEstimates(queues);
        this.due = new DueCalls(
                backend,
                new CallStore(backend),
                menus,
                new QueueEventService(backend, queues, menus, estimates, new AccuracyStore(backend)),
                estimates,
                new Transactions(backend));
    }

    @Override
    public Map<String, Integer> handleRequest(Map<String, Object> event, Context context) {
        DueCalls.Run run = due.queueDue();
        return Map.of("queued", run.queued(), "skipped", run.skipped());
    }
}
