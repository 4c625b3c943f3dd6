package dev.contactcenter.core.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.mobileapps.MobileApp;
import java.util.Locale;
import java.util.Optional;

/**
 * The "Send SMS to install / open app" texts. Install links are the app's store pages. Open links use
 * the custom URL scheme {@code cc-<identifier>} (the platform's bundle id or package name, lower-cased,
 * '_' as '-', so it is a valid RFC 3986 scheme) with host {@code open}: each app registers its own
 * scheme, so a phone with two of the tenant's apps opens the right one.
 */
public final class SmsLinks {
    public enum Kind {
        INSTALL,
        OPEN;

        static Optional<Kind> fromWire(String name) {
            return name.equals("install")
                    ? Optional.of(INSTALL)
                    : name.equals("open") ? Optional.of(OPEN) : Optional.empty();
        }
    }

    public enum Platform {
        IOS,
        ANDROID;

        static Optional<Platform> fromWire(String name) {
            return name.equals("ios")
                    ? Optional.of(IOS)
                    : name.equals("android") ? Optional.of(ANDROID) : Optional.empty();
        }
    }

    private SmsLinks() {}

    /** The link for an active app with SMS enabled on a platform it supports; 409 otherwise. */
    public static ObjectNode link(MobileApp app, Kind kind, Platform platform) {
        if (app.status() != MobileApp.Status.ACTIVE) {
            throw ApiException.conflict("Mobile app " + app.id() + " is "
                            + app.status().wireName() + "; agents send SMS links only for active apps.")
                    .with("mobile_app_id", app.id());
        }
        if (!app.smsEnabled()) {
            throw ApiException.conflict("Mobile app " + app.id()
                            + " has sms_enabled off; an admin turns it on with the store URLs.")
                    .with("mobile_app_id", app.id());
        }
        String identifier = platform == Platform.IOS ? app.iosBundleId() : app.androidPackageName();
        if (identifier == null) {
            throw ApiException.conflict(
                            "platform",
                            "Mobile app " + app.id() + " has no "
                                    + (platform == Platform.IOS ? "iOS bundle id" : "Android package name") + ".")
                    .with("mobile_app_id", app.id());
        }
        String url = kind == Kind.INSTALL
                ? (platform == Platform.IOS ? app.appStoreUrl() : app.playStoreUrl())
                : deepLink(identifier);
        String text = (kind == Kind.INSTALL ? "Install " : "Open ") + app.name() + ": " + url;
        return Json.object()
                .put("mobile_app_id", app.id())
                .put("kind", kind.name().toLowerCase(Locale.ROOT))
                .put("platform", platform.name().toLowerCase(Locale.ROOT))
                .put("url", url)
                .put("text", text);
    }

    static String deepLink(String identifier) {
        return "cc-" + identifier.toLowerCase(Locale.ROOT).replace('_', '-') + "://open";
    }
}
