package dev.contactcenter.core.webhooks;

import dev.contactcenter.core.mobileapps.MobileApp;
import dev.contactcenter.core.mobileapps.MobileAppJson;
import dev.contactcenter.core.mobileapps.MobileAppMapper;
import dev.contactcenter.core.store.Attr;
import java.util.List;

/** A mobile app's activation or deactivation as an event; the data is the app as GET /mobile_apps/{id} shows it. */
final class MobileAppEvents {
    private MobileAppEvents() {}

    static List<WebhookEvent> of(String tenant, ItemChange change) {
        if (change.newImage().isEmpty() || !MobileAppMapper.ITEM_TYPE.equals(Attr.string(change.newImage(), "type"))) {
            return List.of();
        }
        MobileApp now = MobileAppMapper.fromItem(change.newImage());
        boolean wasActive = !change.oldImage().isEmpty()
                && MobileAppMapper.fromItem(change.oldImage()).active();
        if (wasActive == now.active()) {
            return List.of();
        }
        EventType type = now.active() ? EventType.MOBILE_APP_ACTIVATED : EventType.MOBILE_APP_DEACTIVATED;
        String id = WebhookEvent.idOf(
                tenant, "mobile_app", Long.toString(now.id()), type.wireName(), Long.toString(now.version()));
        return List.of(new WebhookEvent(
                id, type, change.approximateTime(), tenant, MobileAppJson.toJson(now), "mobile_app#" + now.id()));
    }
}
