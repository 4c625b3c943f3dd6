package dev.contactcenter.core.calls;

import java.util.Optional;

/**
 * Turns what a client typed into an E.164 number, or says it is not a possible number. The call-back
 * function supplies libphonenumber; the core stays free of its metadata.
 */
public interface PhoneNormalizer {
    /**
     * @param raw           the number as given
     * @param regionHintE164 a number of the tenant (its global number) whose country is assumed for
     *                      numbers given without a country code; may be null
     */
    Optional<String> toE164(String raw, String regionHintE164);
}
