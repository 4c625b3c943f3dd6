package dev.contactcenter.core.mobileapps;

import dev.contactcenter.core.domain.Structure;
import dev.contactcenter.core.domain.WireName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A mobile app of the tenant (Multiple Mobile Apps). {@code inAppDap}/{@code ivrDap} are the app's
 * mobile-app direct access points in the in-app and the IVR structure, kept on the app so that
 * "at most one per structure" is a condition on this one item.
 */
public record MobileApp(
        long id,
        String name,
        String iosBundleId,
        String androidPackageName,
        boolean smsEnabled,
        String appStoreUrl,
        String playStoreUrl,
        String fallbackPhoneNumber,
        BigDecimal fallbackThreshold,
        boolean restrictPstnToApp,
        ApnsCredential apns,
        FcmCredential fcm,
        DapRef inAppDap,
        DapRef ivrDap,
        boolean active,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** A direct access point assigning this app to a top-level menu. */
    public record DapRef(long dapId, long menuId) {}

    public enum Status implements WireName {
        UNASSIGNED("unassigned"),
        INACTIVE("inactive"),
        ACTIVE("active");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static java.util.Optional<Status> fromWire(String name) {
            return WireName.find(values(), name);
        }
    }

    /** The app's mobile-app DAP in a structure, if it has one there. */
    public java.util.Optional<DapRef> dap(Structure structure) {
        return java.util.Optional.ofNullable(structure == Structure.IN_APP ? inAppDap : ivrDap);
    }

    public Status status() {
        return inAppDap == null ? Status.UNASSIGNED : active ? Status.ACTIVE : Status.INACTIVE;
    }

    /** Names are unique per tenant regardless of case and surrounding spaces. */
    public static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The identifier strings this app holds, compared without case (Apple treats bundle ids that way);
     * one string used for both platforms counts once.
     */
    public Set<String> identifierKeys() {
        Set<String> keys = new LinkedHashSet<>();
        if (iosBundleId != null) {
            keys.add(identifierKey(iosBundleId));
        }
        if (androidPackageName != null) {
            keys.add(identifierKey(androidPackageName));
        }
        return keys;
    }

    public static String identifierKey(String identifier) {
        return identifier.strip().toLowerCase(Locale.ROOT);
    }
}
