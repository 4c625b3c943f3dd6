package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentStatus;
import java.util.List;

/**
 * What a queue event can change in one menu's queue state. The DynamoDB update of a queue-state item and
 * the in-memory {@link LiveQueues} both implement it, so both apply the very same {@link QueueAggregation}.
 * Every change names what it adds or takes away in full (channel, priority, times, the agent's kind), so a
 * store that keeps counts rather than lists can apply it without reading anything.
 */
public interface QueueStateWriter {
    void addWaiting(String contactId, Channel channel, long priority, long queuedAtMillis);

    void removeWaiting(String contactId, Channel channel, long priority, long queuedAtMillis);

    void putAgent(
            String agentId,
            AgentStatus status,
            List<Channel> channels,
            int queues,
            int chatConcurrency,
            boolean breakthrough);

    /** Takes away the agent as last put (its kind as then). */
    void removeAgent(
            String agentId,
            AgentStatus status,
            List<Channel> channels,
            int queues,
            int chatConcurrency,
            boolean breakthrough);

    void handled(Channel channel, double handleSeconds, long atMillis);

    /** A contact left the line after this wait, abandoning or not (waits are the exposure of the patience estimate). */
    void leftLine(Channel channel, double waitSeconds, boolean abandoned, long atMillis);

    /** Records the last wait to enter service, unless a later one is recorded (late events must not roll it back). */
    void enteredService(Channel channel, long waitSeconds, long atMillis);

    /**
     * A contact of this channel and priority who joined its line at {@code queuedAtMillis} reached an agent. Lines
     * are first come, first served within a priority: whoever of that priority joined in an earlier minute has left
     * it (to an agent, or abandoning), even if that event was lost. The latest such moment reported is kept.
     */
    void servedFromLine(Channel channel, long priority, long queuedAtMillis);

    /** A contact is now with an agent: its elapsed handle time tells when that agent frees up. */
    void startedService(String contactId, Channel channel, long atMillis);

    /** The contact that started service at {@code startedAtMillis} left its agent (ended, or back in a line). */
    void endedService(String contactId, Channel channel, long startedAtMillis);

    /** A contact joined or left a line (by any way), or left it by abandoning. */
    enum Flow {
        JOINED_LINE,
        LEFT_LINE,
        ABANDONED
    }

    /**
     * Counts one move in decayed counts: joins and leaves with the recent and the long time constant
     * ({@link dev.contactcenter.core.ewt.DecayedSum}), abandonments with the long one (the recent count is kept by
     * {@link #leftLine}). With the number in line they give the time spent waiting, those still waiting included
     * ({@link dev.contactcenter.core.ewt.QueueSnapshot.Flows}). O(1) per event and commutative: ADDs where stored.
     */
    void flow(Channel channel, Flow flow, long atMillis);
}
