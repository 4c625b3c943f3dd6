package dev.contactcenter.core.domain;

/**
 * A menu's limits past which a contact whose leaving was never reported stops counting: waiting longer than
 * {@code maxWaitSeconds} (a lost contact_assigned or contact_abandoned), or with an agent longer than
 * {@code maxHandleSeconds} (a lost contact_ended). The defaults are also the longest a menu may set: the stored
 * queue state keeps the minutes contacts joined (half minutes they reached an agent) for that long and no longer,
 * which is what bounds the item's size.
 */
public record StaleLimits(long maxWaitSeconds, long maxHandleSeconds) {
    /** Four hours in line: beyond any real wait, so by default only lost events hit it. */
    public static final long LONGEST_WAIT_SECONDS = 4 * 3_600L;
    /** Two hours with an agent: beyond nearly every real call or chat. */
    public static final long LONGEST_HANDLE_SECONDS = 2 * 3_600L;
    /** A limit under a minute would drop contacts who are really still there. */
    public static final long SHORTEST_SECONDS = 60;

    public static final StaleLimits DEFAULT = new StaleLimits(LONGEST_WAIT_SECONDS, LONGEST_HANDLE_SECONDS);

    public StaleLimits {
        if (maxWaitSeconds < SHORTEST_SECONDS || maxWaitSeconds > LONGEST_WAIT_SECONDS) {
            throw new IllegalArgumentException("max_wait_seconds out of range: " + maxWaitSeconds);
        }
        if (maxHandleSeconds < SHORTEST_SECONDS || maxHandleSeconds > LONGEST_HANDLE_SECONDS) {
            throw new IllegalArgumentException("max_handle_seconds out of range: " + maxHandleSeconds);
        }
    }
}
