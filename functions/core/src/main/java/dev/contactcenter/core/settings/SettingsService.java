package dev.contactcenter.core.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.domain.FieldError;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.OutboundNumber;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.StaleWriteException;
import dev.contactcenter.core.tenant.TenantStore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads and merge-patches a tenant's settings. */
public final class SettingsService {
    private final TenantStore tenants;
    private final MenuStore menus;

    public SettingsService(Backend backend) {
        this.tenants = new TenantStore(backend);
        this.menus = new MenuStore(backend);
    }

    public ObjectNode get(String tenantId) {
        return tenant(tenantId).settings();
    }

    public ObjectNode patch(String tenantId, ObjectNode patch) {
        Tenant tenant = tenant(tenantId);
        ObjectNode settings = tenant.settings().deepCopy();
        List<FieldError> errors = TenantSettings.merge(settings, patch);
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
        if (patch.has(TenantSettings.PHONE_NUMBERS)) {
            // a number still used as a queue's caller id stays in the inventory: dropping it would
            // leave queues pointing at a number the tenant no longer owns
            Set<String> owned = TenantSettings.inventory(settings);
            Set<String> stillUsed = new TreeSet<>();
            for (Menu m : menus.all(tenantId)) {
                for (OutboundNumber n : m.outboundNumbers()) {
                    if (!owned.contains(n.number())) {
                        stillUsed.add(n.number() + " (menu " + m.id() + ")");
                    }
                }
            }
            if (!stillUsed.isEmpty()) {
                throw new ApiException(
                        409,
                        "Conflict",
                        "These numbers are outbound numbers of queues: " + String.join(", ", stillUsed)
                                + ". Remove them from the menus first.",
                        List.of(new FieldError(TenantSettings.PHONE_NUMBERS, "still used by menus")),
                        java.util.Map.of(),
                        null);
            }
        }
        try {
            tenants.saveSettings(tenantId, settings, tenant.version());
        } catch (StaleWriteException e) {
            throw ApiException.conflict(
                    "The settings changed while this request was applied; read them again and retry.");
        }
        return settings;
    }

    private Tenant tenant(String tenantId) {
        return tenants.get(tenantId).orElseThrow(() -> ApiException.notFound("No tenant " + tenantId + "."));
    }
}
