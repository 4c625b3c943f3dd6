package dev.contactcenter.testpush;

import java.util.regex.Pattern;

/** A device token checked for its platform's shape before anything is sent; shown and logged only masked. */
record DeviceToken(String value) {
    /** APNs: hex, 32 bytes today; Apple says the length may grow. */
    private static final Pattern APNS = Pattern.compile("(?:[0-9a-fA-F]{2}){32,100}");
    /** FCM registration tokens: URL-safe characters and ':', about 150-200 today. */
    private static final Pattern FCM = Pattern.compile("[A-Za-z0-9_:\\-]{100,4096}");

    /** Null when it has not the shape of a token of that platform. */
    static DeviceToken parse(Platform platform, String value) {
        return (platform == Platform.IOS ? APNS : FCM).matcher(value).matches() ? new DeviceToken(value) : null;
    }

    static String expected(Platform platform) {
        return platform == Platform.IOS
                ? "an APNs device token is hexadecimal, 64 characters or more (an even number)"
                : "an FCM registration token is 100 or more characters of A-Z, a-z, 0-9, '-', '_' and ':'";
    }

    /** First and last few characters: enough to tell tokens apart in logs, too little to use one. */
    String masked() {
        return value.substring(0, 6) + "…" + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
