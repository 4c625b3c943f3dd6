package dev.contactcenter.ops;

import dev.contactcenter.core.auth.PublishableKeyService;
import dev.contactcenter.core.domain.PublishableKey;
import dev.contactcenter.core.store.TenantStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "list-publishable-keys", description = "Lists a tenant's publishable keys and their origins.")
final class ListPublishableKeys implements Callable<Integer> {
    private static final String ROW = "%-28s %-8s %-24s %-48s %s%n";

    @ParentCommand
    Ops ops;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TENANT")
    String tenantId;

    @Override
    public Integer call() {
        if (new TenantStore(ops.backend()).get(tenantId).isEmpty()) {
            throw new IllegalArgumentException("No tenant " + tenantId + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(ROW, "KEY_ID", "STATUS", "CREATED", "ORIGINS", "DESCRIPTION");
        for (PublishableKey key : new PublishableKeyService(ops.backend()).list(tenantId)) {
            out.printf(ROW, key.keyId(), key.revoked() ? "revoked" : "active", key.createdAt(),
                    String.join(" ", key.origins()), key.description() == null ? "" : key.description());
        }
        return 0;
    }
}
