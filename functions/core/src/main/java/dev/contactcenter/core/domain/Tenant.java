package dev.contactcenter.core.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A tenant: its id (the subdomain its users call), its settings document (validated by
 * {@link TenantSettings}) and the API Gateway key value that binds it to the usage plan.
 */
public record Tenant(String id, ObjectNode settings, String usageKey, long version, Instant createdAt) {
    public static boolean isValidId(String id) {
        // a DNS label: it is the tenant's subdomain
        return id != null && id.matches("[a-z0-9][a-z0-9-]{0,61}[a-z0-9]");
    }
}
