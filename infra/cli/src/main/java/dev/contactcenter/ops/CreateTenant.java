package dev.contactcenter.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.TenantSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "create-tenant", description = "Creates a tenant (its id is the subdomain its developers call).")
final class CreateTenant implements Callable<Integer> {
    @ParentCommand
    Ops ops;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Tenant id: a DNS label (a-z, 0-9, '-').")
    String tenantId;

    @Option(
            names = "--global-number",
            paramLabel = "E164",
            description = "The tenant's main number, e.g. +14155550100.")
    String globalNumber;

    @Option(names = "--phone-number", paramLabel = "E164", description = "A number the tenant owns (repeatable).")
    List<String> phoneNumbers = List.of();

    @Option(
            names = "--usage-plan-id",
            paramLabel = "ID",
            description =
                    "Usage plan for the tenant's API Gateway key (stack output TenantUsagePlanId); required on AWS.")
    String usagePlanId;

    @Override
    public Integer call() {
        if (usagePlanId == null && ops.onAws()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--usage-plan-id is required on AWS: "
                            + "API Gateway refuses and cannot throttle a tenant without a usage-plan key.");
        }
        TenantAdmin admin = new TenantAdmin(ops.backend());
        if (!admin.createTenant(tenantId, settings(), null)) {
            throw new IllegalArgumentException("Tenant " + tenantId + " already exists.");
        }
        spec.commandLine().getOut().println("Created tenant " + tenantId + ".");
        if (usagePlanId != null) {
            admin.tenants().setUsageKey(tenantId, ops.usageKeys().issue(tenantId, usagePlanId));
            spec.commandLine().getOut().println("Its API Gateway key is in usage plan " + usagePlanId + ".");
        }
        return 0;
    }

    private ObjectNode settings() {
        ObjectNode settings = Json.object();
        if (globalNumber != null) {
            settings.put(TenantSettings.GLOBAL_NUMBER, globalNumber);
        }
        if (!phoneNumbers.isEmpty()) {
            ArrayNode numbers = settings.putArray(TenantSettings.PHONE_NUMBERS);
            phoneNumbers.forEach(numbers::add);
        }
        return settings;
    }
}
