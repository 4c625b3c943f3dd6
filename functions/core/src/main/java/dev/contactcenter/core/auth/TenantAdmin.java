package dev.contactcenter.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.ApiKey;
import dev.contactcenter.core.domain.FieldError;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import java.util.List;
import java.util.Set;

/** Creating tenants and their keys: used by the ops CLI, the local runtime's seeding and tests. */
public final class TenantAdmin {
    /** A key as shown to its owner once: the secret is not stored and cannot be shown again. */
    public record IssuedKey(String keyId, String secret, Set<Scope> scopes) {}

    private final Backend backend;
    private final TenantStore tenants;
    private final ApiKeyStore keys;

    public TenantAdmin(Backend backend) {
        this.backend = backend;
        this.tenants = new TenantStore(backend);
        this.keys = new ApiKeyStore(backend);
    }

    /** Creates a tenant with the given settings patch applied to the defaults; false if it exists already. */
    public boolean createTenant(String tenantId, ObjectNode settings, String usageKey) {
        if (!Tenant.isValidId(tenantId)) {
            throw new IllegalArgumentException(
                    "Tenant id must be a DNS label (a-z, 0-9, '-'), 2 to 63 characters: " + tenantId);
        }
        ObjectNode merged = TenantSettings.defaults();
        List<FieldError> errors = TenantSettings.merge(merged, settings);
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
        return tenants.create(
                new Tenant(tenantId, merged, usageKey, 0, backend.clock().instant()));
    }

    public IssuedKey createKey(String tenantId, Set<Scope> scopes, String description) {
        return createKey(tenantId, KeySecrets.newKeyId(), KeySecrets.newSecret(), scopes, description);
    }

    /** A key with a chosen id and secret (the local runtime's fixed demo credentials). */
    public IssuedKey createKey(String tenantId, String keyId, String secret, Set<Scope> scopes, String description) {
        if (tenants.get(tenantId).isEmpty()) {
            throw new IllegalArgumentException("No tenant " + tenantId);
        }
        byte[] salt = KeySecrets.newSalt();
        keys.create(new ApiKey(
                keyId,
                tenantId,
                scopes,
                salt,
                KeySecrets.hash(salt, secret),
                false,
                description,
                backend.clock().instant()));
        return new IssuedKey(keyId, secret, scopes);
    }

    public List<ApiKey> listKeys(String tenantId) {
        return keys.listForTenant(tenantId);
    }

    public boolean revokeKey(String tenantId, String keyId) {
        return keys.revoke(tenantId, keyId);
    }

    public TenantStore tenants() {
        return tenants;
    }
}
