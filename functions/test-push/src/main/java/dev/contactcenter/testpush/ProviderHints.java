package dev.contactcenter.testpush;

import java.util.Map;

/** What a provider's refusal means for the admin, in plain words. */
final class ProviderHints {
    private static final Map<String, String> APNS = Map.ofEntries(
            Map.entry(
                    "BadDeviceToken",
                    "APNs does not know this device token in this environment: check that the app's "
                            + "environment (sandbox for development builds, production for TestFlight and App Store) matches the build."),
            Map.entry(
                    "Unregistered",
                    "The token is no longer valid: the app was removed from the device or push was "
                            + "turned off. Get a fresh token from the device."),
            Map.entry(
                    "DeviceTokenNotForTopic",
                    "The token belongs to another app: it does not match this app's bundle id."),
            Map.entry(
                    "TopicDisallowed",
                    "This key or certificate may not send to the app's bundle id: check the app id "
                            + "and team in the Apple Developer portal."),
            Map.entry("BadTopic", "The bundle id is not valid for APNs."),
            Map.entry(
                    "ExpiredProviderToken",
                    "The signed authentication token was older than an hour (is the server "
                            + "clock right?). A new one is signed on the next attempt: try again."),
            Map.entry(
                    "InvalidProviderToken",
                    "APNs rejected the .p8 key: check key_id and team_id, and that the key "
                            + "was not revoked in the Apple Developer portal."),
            Map.entry("MissingProviderToken", "APNs expected a certificate or a signed token and got neither."),
            Map.entry("BadCertificate", "APNs rejected the push certificate: upload a current one."),
            Map.entry(
                    "BadCertificateEnvironment",
                    "The certificate is for the other environment (sandbox or production)."),
            Map.entry("Forbidden", "APNs refused the request with these credentials."),
            Map.entry(
                    "TooManyProviderTokenUpdates",
                    "The authentication token was renewed too often; wait a few minutes."),
            Map.entry("TooManyRequests", "Too many notifications to this device in a short time; wait and try again."),
            Map.entry("PayloadTooLarge", "The notification is too large: shorten title or body."),
            Map.entry("InternalServerError", "APNs had an internal error; try again."),
            Map.entry("ServiceUnavailable", "APNs is unavailable; try again later."),
            Map.entry("Shutdown", "The APNs server was shutting down; try again."));

    private static final Map<String, String> FCM = Map.ofEntries(
            Map.entry(
                    "UNREGISTERED",
                    "The token is no longer valid: the app was uninstalled, its data cleared, or the "
                            + "token expired. Get a fresh token from the device."),
            Map.entry(
                    "SENDER_ID_MISMATCH",
                    "The token was issued for another Firebase project than this service "
                            + "account's: check the app's google-services.json and the project_id of the key."),
            Map.entry(
                    "INVALID_ARGUMENT",
                    "FCM does not accept this token or message: check that the whole registration token was pasted."),
            Map.entry(
                    "THIRD_PARTY_AUTH_ERROR",
                    "FCM could not deliver through APNs or Web Push: check the APNs key "
                            + "uploaded to the Firebase project."),
            Map.entry(
                    "QUOTA_EXCEEDED",
                    "The sending quota of the Firebase project or device is exhausted; wait and try again."),
            Map.entry("UNAVAILABLE", "FCM is overloaded; try again shortly."),
            Map.entry("INTERNAL", "FCM had an internal error; try again."),
            Map.entry(
                    "PERMISSION_DENIED",
                    "The service account may not send messages: give it the Firebase Cloud "
                            + "Messaging API Admin role, and enable the FCM API in the project."),
            Map.entry("UNAUTHENTICATED", "FCM did not accept the access token of the service account."),
            Map.entry(
                    "invalid_grant",
                    "Google refused the service-account key: it was probably deleted or disabled. "
                            + "Create a new key and upload it."),
            Map.entry("unauthorized_client", "Google refused the service account: check that it is enabled."));

    private ProviderHints() {}

    static String hint(String provider, String reason) {
        String hint = (PushResult.APNS.equals(provider) ? APNS : FCM).get(reason);
        return hint != null
                ? hint
                : "See the " + (PushResult.APNS.equals(provider) ? "APNs" : "FCM") + " documentation for '" + reason
                        + "'.";
    }
}
