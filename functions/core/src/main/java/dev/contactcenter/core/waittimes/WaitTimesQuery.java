package dev.contactcenter.core.waittimes;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.domain.Languages;
import dev.contactcenter.core.domain.MenuType;
import dev.contactcenter.core.ewt.Predictor;
import dev.contactcenter.core.ewt.Predictors;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The query parameters of GET /apps/api/v1/wait_times, validated: any bad value is a 400 naming the
 * parameter (and the allowed values for enums). Unknown parameters are ignored: the stage cache keys on
 * the declared ones only, so refusing others would answer differently from cache and from the function.
 */
public record WaitTimesQuery(
        String lang,
        Optional<Long> menuId,
        Optional<Channel> channel,
        Optional<MenuType> menuType,
        Optional<Long> waitFrom,
        Optional<Long> waitTo,
        Predictor predictor) {
    public static final String WAIT_FROM = "wait[from]";
    public static final String WAIT_TO = "wait[to]";
    /** Bounds beyond a year are typos, not wait times. */
    static final long MAX_WAIT_BOUND = 31_536_000L;

    public static WaitTimesQuery from(ApiRequest r) {
        String lang = lang(r).orElseThrow(() -> ApiException.badRequest(
                "lang", "'lang' is required: one of " + String.join(", ", Languages.SUPPORTED) + "."));
        Optional<Long> menuId = menuId(r);
        Optional<Channel> channel = enumParam(r, "channel_type", Channel::fromWire, Channel.WIRE_NAMES);
        Optional<MenuType> menuType = enumParam(r, "menu_type", MenuType::fromWire, MenuType.WIRE_NAMES);
        Optional<Long> from = bound(r, WAIT_FROM);
        Optional<Long> to = bound(r, WAIT_TO);
        if (from.isPresent() && to.isPresent() && from.get() >= to.get()) {
            throw ApiException.badRequest(WAIT_FROM, "'" + WAIT_FROM + "' must be less than '" + WAIT_TO + "'.");
        }
        Predictor predictor =
                enumParam(r, "method", Predictors::byName, Predictors.NAMES).orElse(Predictors.defaultPredictor());
        return new WaitTimesQuery(lang, menuId, channel, menuType, from, to, predictor);
    }

    /** {@code lang}, if given: a supported language (else 400). */
    static Optional<String> lang(ApiRequest r) {
        return r.query("lang").map(lang -> {
            if (!Languages.isSupported(lang)) {
                throw ApiException.badRequest(
                        "lang", "'lang' must be one of: " + String.join(", ", Languages.SUPPORTED) + ".");
            }
            return lang;
        });
    }

    /** {@code menu_id}, if given: a positive integer id (else 400). */
    static Optional<Long> menuId(ApiRequest r) {
        return r.query("menu_id").map(v -> {
            if (!v.matches("[0-9]{1,16}") || Long.parseLong(v) < 1) {
                throw ApiException.badRequest("menu_id", "'menu_id' must be a positive integer menu id.");
            }
            return Long.parseLong(v);
        });
    }

    private static <E> Optional<E> enumParam(
            ApiRequest r, String name, Function<String, Optional<E>> parse, List<String> allowed) {
        return r.query(name)
                .map(v -> parse.apply(v)
                        .orElseThrow(() -> ApiException.badRequest(
                                name, "'" + name + "' must be one of: " + String.join(", ", allowed) + ".")));
    }

    private static Optional<Long> bound(ApiRequest r, String name) {
        return r.query(name).map(v -> {
            if (!v.matches("[0-9]{1,9}") || Long.parseLong(v) < 1 || Long.parseLong(v) > MAX_WAIT_BOUND) {
                throw ApiException.badRequest(
                        name,
                        "'" + name + "' must be a positive integer number of seconds (1 to " + MAX_WAIT_BOUND + ").");
            }
            return Long.parseLong(v);
        });
    }

    /** Whether a wait in seconds lies strictly inside the requested bounds. */
    public boolean withinBounds(long seconds) {
        return waitFrom.map(f -> seconds > f).orElse(true)
                && waitTo.map(t -> seconds < t).orElse(true);
    }

    public boolean bounded() {
        return waitFrom.isPresent() || waitTo.isPresent();
    }
}
