package dev.contactcenter.ops;

import dev.contactcenter.core.auth.PublishableKeyService;
import dev.contactcenter.core.domain.PublishableKey;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "list-publishable-keys", description = "Lists a tenant's publishable keys and their origins.")
final class ListPublishableKeys extends TenantCommand {
    private static final String ROW = "%-28s %-8s %-24s %-48s %s%n";

    @Override
    public Integer call() {
        requireTenant();
        PrintWriter out = out();
        out.printf(ROW, "KEY_ID", "STATUS", "CREATED", "ORIGINS", "DESCRIPTION");
        for (PublishableKey key : new PublishableKeyService(backend()).list(tenantId)) {
            out.printf(
                    ROW,
                    key.keyId(),
                    key.revoked() ? "revoked" : "active",
                    key.createdAt(),
                    String.join(" ", key.origins()),
                    key.description() == null ? "" : key.description());
        }
        return 0;
    }
}
