package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.ewt.Estimate;

import java.util.List;

/** One row of the wait-times response: a menu, its estimate per shown channel, and its agents. */
public record WaitTimeRow(Menu menu, List<ChannelEstimate> estimates, int loggedInAgents, int availableAgents,
                          int breakthroughAgents) {

    public record ChannelEstimate(Channel channel, Estimate estimate) {
    }
}
