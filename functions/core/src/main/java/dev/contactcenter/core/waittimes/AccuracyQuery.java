package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiRequest;
import java.util.Optional;

/**
 * The query parameters of GET /apps/api/v1/wait_times/accuracy, validated like those of /wait_times (a bad
 * value is a 400 naming the parameter; unknown parameters are ignored).
 *
 * @param menuId that menu's subtree, the menu included, as /wait_times takes it
 * @param lang   only contacts reported with this language
 */
public record AccuracyQuery(Optional<Long> menuId, Optional<String> lang, int windowMinutes) {
    public static final String WINDOW_MINUTES = "window_minutes";
    public static final int DEFAULT_WINDOW_MINUTES = 60;
    /** The ledger keeps settled quotes this long: a longer window would be silently incomplete. */
    public static final int MAX_WINDOW_MINUTES = (int) (AccuracyStore.RETENTION_SECONDS / 60);

    public static AccuracyQuery from(ApiRequest r) {
        Optional<Long> menuId = WaitTimesQuery.menuId(r);
        Optional<String> lang = WaitTimesQuery.lang(r);
        int window = r.query(WINDOW_MINUTES)
                .map(v -> {
                    if (!v.matches("[0-9]{1,5}")
                            || Integer.parseInt(v) < 1
                            || Integer.parseInt(v) > MAX_WINDOW_MINUTES) {
                        throw ApiException.badRequest(
                                WINDOW_MINUTES,
                                "'" + WINDOW_MINUTES + "' must be an integer number of minutes, 1 to "
                                        + MAX_WINDOW_MINUTES + " (7 days).");
                    }
                    return Integer.parseInt(v);
                })
                .orElse(DEFAULT_WINDOW_MINUTES);
        return new AccuracyQuery(menuId, lang, window);
    }
}
