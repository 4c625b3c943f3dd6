package dev.contactcenter.ops;

import dev.contactcenter.core.auth.Scope;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.ApiKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "list-keys", description = "Lists a tenant's API keys (never their secrets).")
final class ListKeys implements Callable<Integer> {
    private static final String ROW = "%-24s %-8s %-24s %-36s %s%n";

    @ParentCommand
    Ops ops;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TENANT")
    String tenantId;

    @Override
    public Integer call() {
        TenantAdmin admin = new TenantAdmin(ops.backend());
        if (admin.tenants().get(tenantId).isEmpty()) {
            throw new IllegalArgumentException("No tenant " + tenantId + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(ROW, "KEY_ID", "STATUS", "CREATED", "SCOPES", "DESCRIPTION");
        for (ApiKey key : admin.listKeys(tenantId)) {
            out.printf(ROW, key.keyId(), key.revoked() ? "revoked" : "active", key.createdAt(),
                    Scope.join(key.scopes()), key.description() == null ? "" : key.description());
        }
        return 0;
    }
}
