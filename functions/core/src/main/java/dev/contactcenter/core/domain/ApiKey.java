package dev.contactcenter.core.domain;

import java.time.Instant;
import java.util.Set;

/** A tenant's API key. Only a salted hash of the secret is ever stored. */
public record ApiKey(
        String keyId,
        String tenantId,
        Set<Scope> scopes,
        byte[] salt,
        byte[] secretHash,
        boolean revoked,
        String description,
        Instant createdAt) {}
