package dev.contactcenter.ops;

import dev.contactcenter.core.auth.PublishableKeyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "revoke-publishable-key",
        description = "Revokes a publishable key; the next request with it is refused "
                + "(the wait-times authorizer caches nothing).")
final class RevokePublishableKey extends TenantCommand {
    @Parameters(index = "1", paramLabel = "KEY_ID")
    String keyId;

    @Override
    public Integer call() {
        new PublishableKeyService(backend()).revoke(tenantId, keyId);
        out().println("Revoked " + keyId + ".");
        return 0;
    }
}
