package dev.contactcenter.core.calls;

import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.OutboundNumber;
import java.util.Optional;

/**
 * Which caller id a call-back uses, per the vendor's outbound-number table:
 * <ul>
 *   <li>a queue with no outbound numbers uses the tenant's global number, whatever was passed;</li>
 *   <li>otherwise, nothing passed: the queue's first available number, else the global number;</li>
 *   <li>a malformed number: the same, with a warning that it was ignored;</li>
 *   <li>a well-formed number: used if it is the global number or an available number of the queue,
 *       else refused.</li>
 * </ul>
 */
public final class OutboundNumberRule {
    /** The number to use and, when the request's number was ignored, why. Empty number: refused. */
    public record Choice(String number, String warning, String refusal) {}

    private OutboundNumberRule() {}

    /**
     * @param requested  the number as passed (null if absent)
     * @param normalized the requested number in E.164 when it is a well-formed phone number, else empty
     */
    public static Choice choose(Menu queue, String globalNumber, String requested, Optional<String> normalized) {
        String fallback = queue.outboundNumbers().stream()
                .filter(OutboundNumber::available)
                .map(OutboundNumber::number)
                .findFirst()
                .orElse(globalNumber);
        if (queue.outboundNumbers().isEmpty()) {
            return new Choice(globalNumber, null, null);
        }
        if (requested == null) {
            return new Choice(fallback, null, null);
        }
        if (normalized.isEmpty()) {
            return new Choice(
                    fallback,
                    "outbound_number '" + abbreviate(requested)
                            + "' is not a well-formed phone number and was ignored; " + fallback + " is used.",
                    null);
        }
        String number = normalized.get();
        boolean usable = number.equals(globalNumber)
                || queue.outboundNumbers().stream()
                        .anyMatch(n -> n.available() && n.number().equals(number));
        if (!usable) {
            return new Choice(
                    null,
                    null,
                    number + " is neither the tenant's global number nor an available outbound number of menu "
                            + queue.id() + ".");
        }
        return new Choice(number, null, null);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
