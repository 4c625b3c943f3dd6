package dev.contactcenter.ops;

import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command on one existing tenant (its first argument): the parent's backend, the output, and the tenant check. */
abstract class TenantCommand implements Callable<Integer> {
    @ParentCommand
    Ops ops;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TENANT")
    String tenantId;

    Backend backend() {
        return ops.backend();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Exit 1 with a message, rather than keys or menus written for a tenant that does not exist. */
    void requireTenant() {
        if (new TenantStore(backend()).get(tenantId).isEmpty()) {
            throw new IllegalArgumentException("No tenant " + tenantId + ".");
        }
    }
}
