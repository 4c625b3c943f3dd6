package dev.contactcenter.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.ApiKeyStore;
import dev.contactcenter.core.auth.KeySecrets;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.ApiKey;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.ops.MenuImport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The tenants a local run starts with, each with one all-scope key. Idempotent, so a persisted data
 * directory keeps its data: an existing tenant is left as it is.
 */
final class TenantSeed {
    static final String DEMO = "demo";

    /** A tenant's key as given on the command line or generated for this run. */
    record Credentials(String tenantId, String keyId, String secret) {
        /** ID:KEY:SECRET (the secret may itself contain ':'). */
        static Credentials parse(String spec) {
            String[] parts = spec.split(":", 3);
            if (parts.length < 3 || parts[2].isEmpty()) {
                throw new IllegalArgumentException(
                        "--tenant takes TENANT_ID:KEY_ID:SECRET (tenant '" + parts[0] + "').");
            }
            return new Credentials(parts[0], parts[1], parts[2]).validated();
        }

        static Credentials generated(String tenantId) {
            return new Credentials(tenantId, KeySecrets.newKeyId(), KeySecrets.newSecret());
        }

        Credentials validated() {
            if (!keyId.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("a key id is 1 to 64 of A-Z, a-z, 0-9, '_', '-': " + keyId);
            }
            return this;
        }
    }

    private final Backend backend;
    private final TenantAdmin admin;

    TenantSeed(Backend backend) {
        this.backend = backend;
        this.admin = new TenantAdmin(backend);
    }

    /** The demo contact center: numbers, and unless left out the menu tree in demo-menus.json. */
    void demo(Credentials credentials, boolean withMenus) {
        ObjectNode settings = Json.object().put(TenantSettings.GLOBAL_NUMBER, "+14155550100");
        settings.putArray(TenantSettings.PHONE_NUMBERS)
                .add("+14155550100")
                .add("+14155550101")
                .add("+14155550102")
                .add("+442071838750");
        if (tenant(credentials, settings) && withMenus) {
            try (InputStream in = TenantSeed.class.getResourceAsStream("/demo-menus.json")) {
                new MenuImport(new MenuService(backend))
                        .importTree(DEMO, Json.mapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Creates the tenant if absent and its key if absent; true if the tenant is new. */
    boolean tenant(Credentials credentials, ObjectNode settings) {
        boolean created = admin.createTenant(credentials.tenantId(), settings, null);
        Optional<ApiKey> existing = new ApiKeyStore(backend).get(credentials.keyId());
        if (existing.isEmpty()) {
            admin.createKey(
                    credentials.tenantId(), credentials.keyId(), credentials.secret(), Scope.all(), "local runtime");
        } else if (!existing.get().tenantId().equals(credentials.tenantId())
                || !KeySecrets.matches(existing.get().salt(), existing.get().secretHash(), credentials.secret())) {
            throw new IllegalArgumentException("Key " + credentials.keyId()
                    + " already exists in the data directory for another tenant or with another secret.");
        }
        return created;
    }
}
