package dev.contactcenter.ops;

import dev.contactcenter.core.auth.TenantAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "revoke-key", description = "Revokes a tenant's API key (API Gateway may serve a cached "
        + "authorization for up to the authorizer's TTL, 300 s).")
final class RevokeKey implements Callable<Integer> {
    @ParentCommand
    Ops ops;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TENANT")
    String tenantId;

    @Parameters(index = "1", paramLabel = "KEY_ID")
    String keyId;

    @Override
    public Integer call() {
        if (!new TenantAdmin(ops.backend()).revokeKey(tenantId, keyId)) {
            throw new IllegalArgumentException("Tenant " + tenantId + " has no key " + keyId + ".");
        }
        spec.commandLine().getOut().println("Revoked " + keyId + ".");
        return 0;
    }
}
