package dev.contactcenter.ops;

import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.ApiKey;
import dev.contactcenter.core.domain.Scope;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "list-keys", description = "Lists a tenant's API keys (never their secrets).")
final class ListKeys extends TenantCommand {
    private static final String ROW = "%-24s %-8s %-24s %-36s %s%n";

    @Override
    public Integer call() {
        TenantAdmin admin = new TenantAdmin(backend());
        requireTenant();
        PrintWriter out = out();
        out.printf(ROW, "KEY_ID", "STATUS", "CREATED", "SCOPES", "DESCRIPTION");
        for (ApiKey key : admin.listKeys(tenantId)) {
            out.printf(
                    ROW,
                    key.keyId(),
                    key.revoked() ? "revoked" : "active",
                    key.createdAt(),
                    Scope.join(key.scopes()),
                    key.description() == null ? "" : key.description());
        }
        return 0;
    }
}
