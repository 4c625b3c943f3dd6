package dev.contactcenter.core.http;

import dev.contactcenter.core.domain.KeyKind;
import dev.contactcenter.core.domain.Origins;
import java.util.Optional;

/**
 * The browser rules, checked by every function on every request (the authorizer's cached decision cannot
 * depend on Origin): a publishable key works only on browser routes and only from its own origins; a secret
 * key sent from a page (an Origin header) works only from the tenant's {@code allowed_origins}. CORS headers
 * go only on browser routes and name only an origin that passed.
 */
public final class BrowserAccess {
    static final String ALLOW_HEADERS = "Authorization, X-Publishable-Key";
    /** Chromium caps preflight caching at 2 h; 10 min keeps a changed rule from lingering. */
    static final String PREFLIGHT_MAX_AGE = "600";

    private BrowserAccess() {}

    public static void check(ApiRequest request) {
        Optional<String> origin = request.origin();
        if (request.keyKind() == KeyKind.PUBLISHABLE) {
            if (!RouteAccess.isBrowserRoute(request.method(), request.resource())) {
                throw ApiException.forbidden("A publishable key may only call GET /apps/api/v1/wait_times.");
            }
            if (origin.isEmpty() || !Origins.allows(request.allowedOrigins(), origin.get())) {
                throw ApiException.forbidden("A publishable key is accepted only from the origins listed on it"
                        + " (the browser's Origin header).");
            }
        } else if (origin.isPresent() && !Origins.allows(request.allowedOrigins(), origin.get())) {
            throw ApiException.forbidden("Secret API keys are not accepted from web pages on this origin; use a"
                    + " publishable key in the browser, or add the origin to the tenant's allowed_origins setting.");
        }
    }

    /** Vary on every browser-route response; Access-Control-Allow-Origin only for an origin that passed. */
    public static ApiResponse withCors(ApiRequest request, ApiResponse response) {
        if (!RouteAccess.isBrowserRoute(request.method(), request.resource())) {
            return response;
        }
        response.header("Vary", "Origin");
        request.origin()
                .filter(o -> Origins.allows(request.allowedOrigins(), o))
                .ifPresent(o -> response.header("Access-Control-Allow-Origin", o));
        return response;
    }

    /**
     * The preflight carries no credentials (Fetch never sends them with it), so it cannot know which key's
     * origins apply: it permits any well-formed origin to ask, and the real request is where the key's
     * origins are enforced and the data is released.
     */
    public static ApiResponse preflight(ApiRequest request) {
        ApiResponse response = ApiResponse.noContent().header("Vary", "Origin");
        request.origin()
                .filter(Origins::isValid)
                .ifPresent(o -> response.header("Access-Control-Allow-Origin", o)
                        .header("Access-Control-Allow-Methods", "GET")
                        .header("Access-Control-Allow-Headers", ALLOW_HEADERS)
                        .header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE));
        return response;
    }
}
