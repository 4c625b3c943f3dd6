package dev.contactcenter.ops;

import dev.contactcenter.core.auth.TenantAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "revoke-key",
        description = "Revokes a tenant's API key (API Gateway may serve a cached "
                + "authorization for up to the authorizer's TTL, 300 s).")
final class RevokeKey extends TenantCommand {
    @Parameters(index = "1", paramLabel = "KEY_ID")
    String keyId;

    @Override
    public Integer call() {
        if (!new TenantAdmin(backend()).revokeKey(tenantId, keyId)) {
            throw new IllegalArgumentException("Tenant " + tenantId + " has no key " + keyId + ".");
        }
        out().println("Revoked " + keyId + ".");
        return 0;
    }
}
