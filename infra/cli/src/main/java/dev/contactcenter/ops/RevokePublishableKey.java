package dev.contactcenter.ops;

import dev.contactcenter.core.auth.PublishableKeyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "revoke-publishable-key", description = "Revokes a publishable key; the next request with it is refused "
        + "(the wait-times authorizer caches nothing).")
final class RevokePublishableKey implements Callable<Integer> {
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
        new PublishableKeyService(ops.backend()).revoke(tenantId, keyId);
        spec.commandLine().getOut().println("Revoked " + keyId + ".");
        return 0;
    }
}
