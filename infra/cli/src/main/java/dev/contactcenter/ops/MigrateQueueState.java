package dev.contactcenter.ops;

import dev.contactcenter.core.queue.QueueStateMigration;
import dev.contactcenter.core.queue.QueueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "migrate-queue-state",
        description =
                "Moves a tenant's queue state from its first shape (an attribute per contact and agent, in the "
                        + "menu partition) to counts in the sharded items. Run once per tenant after deploying; safe to repeat.")
final class MigrateQueueState extends TenantCommand {
    @Option(names = "--dry-run", description = "Only count what would move.")
    boolean dryRun;

    @Override
    public Integer call() {
        requireTenant();
        QueueStateMigration.Report r =
                new QueueStateMigration(backend(), new QueueStore(backend())).migrate(tenantId, dryRun);
        out().printf(
                        "%s %d queue state item(s) of tenant %s: %d waiting contact(s), %d with an agent, %d agent(s)%n",
                        dryRun ? "would move" : "moved", r.queues(), tenantId, r.waiting(), r.withAgent(), r.agents());
        return 0;
    }
}
