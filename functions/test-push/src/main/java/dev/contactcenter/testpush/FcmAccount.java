package dev.contactcenter.testpush;

import dev.contactcenter.core.mobileapps.FcmCredential;
import dev.contactcenter.core.mobileapps.PushSecrets;
import java.util.function.Supplier;

/**
 * An app's FCM service account: what is stored in the clear at once, its private key opened (KMS
 * Decrypt, key parsing) only when a token must be granted, which a shared token spares.
 */
record FcmAccount(String tenantId, long appId, FcmCredential credential, Supplier<PushSecrets.Fcm> secrets) {}
