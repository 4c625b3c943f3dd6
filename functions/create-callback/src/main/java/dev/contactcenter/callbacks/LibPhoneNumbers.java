package dev.contactcenter.callbacks;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.contactcenter.core.calls.PhoneNormalizer;
import java.util.Optional;

/**
 * libphonenumber: numbers without a country code are read in the country of the tenant's own number.
 * Possible (right length for the country), not "valid" (an assigned range): the vendor's own sample uses
 * +19999999999, and numbering plans change faster than the library.
 */
final class LibPhoneNumbers implements PhoneNormalizer {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    @Override
    public Optional<String> toE164(String raw, String regionHintE164) {
        if (raw == null || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = util.parse(raw, region(regionHintE164));
            return util.isPossibleNumber(number)
                    ? Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private String region(String hint) {
        if (hint == null) {
            return "ZZ";
        }
        try {
            return util.getRegionCodeForNumber(util.parse(hint, "ZZ"));
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }
}
