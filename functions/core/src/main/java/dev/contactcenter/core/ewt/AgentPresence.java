package dev.contactcenter.core.ewt;

/**
 * One agent as a queue sees it. {@code share} is 1 / (number of queues the agent serves): an agent
 * split over several queues adds only part of its capacity to each. Breakthrough agents are not
 * assigned to the queue but may currently take its contacts. {@code count} agents are alike in all of these
 * (stored queue state keeps agents as counts per kind).
 */
public record AgentPresence(AgentStatus status, double share, int chatConcurrency, boolean breakthrough, int count) {
    /** One agent. */
    public AgentPresence(AgentStatus status, double share, int chatConcurrency, boolean breakthrough) {
        this(status, share, chatConcurrency, breakthrough, 1);
    }

    public boolean serving() {
        return status == AgentStatus.AVAILABLE || status == AgentStatus.BUSY;
    }
}
