package dev.contactcenter.core.ewt;

/**
 * One agent as a queue sees it. {@code share} is 1 / (number of queues the agent serves): an agent
 * split over several queues adds only part of its capacity to each. Breakthrough agents are not
 * assigned to the queue but may currently take its contacts.
 */
public record AgentPresence(AgentStatus status, double share, int chatConcurrency, boolean breakthrough) {

    public boolean serving() {
        return status == AgentStatus.AVAILABLE || status == AgentStatus.BUSY;
    }
}
