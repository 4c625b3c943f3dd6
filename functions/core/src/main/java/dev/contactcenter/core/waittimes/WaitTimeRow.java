package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.ewt.Estimate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of the wait-times response: a menu, its estimate per shown channel, and its agents; for a queue outside
 * its hours of operation, when it next opens (else null).
 */
public record WaitTimeRow(
        Menu menu,
        List<ChannelEstimate> estimates,
        int loggedInAgents,
        int availableAgents,
        int breakthroughAgents,
        Instant opensAt) {

    public record ChannelEstimate(Channel channel, Estimate estimate) {}

    /**
     * Whether the other row reads the same: the same menu instance (menus are parsed once per version, so a changed
     * menu is another instance) and equal figures. Cheaper than the record's deep {@code equals} of the menu.
     */
    boolean sameAs(WaitTimeRow other) {
        if (menu != other.menu
                || loggedInAgents != other.loggedInAgents
                || availableAgents != other.availableAgents
                || breakthroughAgents != other.breakthroughAgents
                || estimates.size() != other.estimates.size()
                || !Objects.equals(opensAt, other.opensAt)) {
            return false;
        }
        for (int i = 0; i < estimates.size(); i++) {
            ChannelEstimate a = estimates.get(i);
            ChannelEstimate b = other.estimates.get(i);
            if (a.channel() != b.channel() || !sameEstimate(a.estimate(), b.estimate())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameEstimate(Estimate a, Estimate b) {
        return a.estimable() == b.estimable()
                && Objects.equals(a.seconds(), b.seconds())
                && Objects.equals(a.p90Seconds(), b.p90Seconds())
                && Objects.equals(a.reason(), b.reason())
                && Objects.equals(a.method(), b.method());
    }
}
