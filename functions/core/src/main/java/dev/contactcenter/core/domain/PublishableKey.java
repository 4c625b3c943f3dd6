package dev.contactcenter.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's key for browsers: no secret (it is visible in every page that embeds the widget), valid only
 * for GET /wait_times and only from the exact origins listed on it.
 */
public record PublishableKey(
        String keyId, String tenantId, List<String> origins, boolean revoked, String description, Instant createdAt) {
    public PublishableKey {
        origins = List.copyOf(origins);
    }
}
