package dev.contactcenter.core.http;

import dev.contactcenter.core.domain.Scope;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which scope each route needs. The authorizer turns it into the IAM policy it returns (so a cached
 * decision still denies routes the key has no scope for), and handlers check it again from the
 * authorizer context. A route not listed here is refused to every key.
 */
public final class RouteAccess {
    /** A rule: HTTP method ("*" for any), resource template as in the template, the scope needed (null: any valid key). */
    public record Rule(String method, String resource, Scope scope) {}

    private static final List<Rule> RULES = List.of(
            new Rule("GET", "/apps/api/v1/menus", null),
            new Rule("GET", "/apps/api/v1/menus/{id}", null),
            new Rule("POST", "/apps/api/v1/menus", Scope.ADMIN),
            new Rule("PATCH", "/apps/api/v1/menus/{id}", Scope.ADMIN),
            new Rule("DELETE", "/apps/api/v1/menus/{id}", Scope.ADMIN),
            // read like the menu itself: whether a queue is open is no secret
            new Rule("GET", "/apps/api/v1/menus/{id}/hours/next", null),
            new Rule("GET", "/apps/api/v1/settings", Scope.ADMIN),
            new Rule("PATCH", "/apps/api/v1/settings", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/wait_times", Scope.EWT_READ),
            // the ledger of quoted against realized waits: secret keys only (not a browser route)
            new Rule("GET", "/apps/api/v1/wait_times/accuracy", Scope.EWT_READ),
            // one contact's place in line: secret keys only (a publishable key must not look up other callers)
            new Rule("GET", "/apps/api/v1/wait_times/contacts/{contact_id}", Scope.EWT_READ),
            // the CORS preflight of the widget's route: browsers never send credentials with it
            new Rule("OPTIONS", "/apps/api/v1/wait_times", null),
            new Rule("POST", "/apps/api/v1/publishable_keys", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/publishable_keys", Scope.ADMIN),
            new Rule("DELETE", "/apps/api/v1/publishable_keys/{id}", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/queue_events", Scope.QUEUE_EVENTS_WRITE),
            new Rule("POST", "/apps/api/v1/calls", Scope.CALLS_WRITE),
            new Rule("GET", "/apps/api/v1/calls", Scope.CALLS_WRITE),
            new Rule("GET", "/apps/api/v1/calls/{id}", Scope.CALLS_WRITE),
            new Rule("PATCH", "/apps/api/v1/calls/{id}", Scope.CALLS_WRITE),
            new Rule("PATCH", "/apps/api/v1/calls/scheduled/{id}/cancel", Scope.CALLS_WRITE),
            new Rule("PATCH", "/apps/api/v1/calls/scheduled/cancel", Scope.CALLS_WRITE),
            // what a booking UI's backend offers: call-back work, not menu administration
            new Rule("GET", "/apps/api/v1/menus/{id}/callback_slots", Scope.CALLS_WRITE),
            new Rule("GET", "/apps/api/v1/tickets/{id}", Scope.CALLS_WRITE),
            new Rule("PATCH", "/apps/api/v1/tickets/{id}", Scope.CALLS_WRITE),
            // Multiple Mobile Apps: configuration is admin work; sdk_config is read by the mobile SDK with the
            // key it ships, so like GET /menus it needs only a valid key (it reveals no secret)
            new Rule("POST", "/apps/api/v1/mobile_apps", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/mobile_apps", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/mobile_apps/sdk_config", null),
            new Rule("GET", "/apps/api/v1/mobile_apps/{id}", Scope.ADMIN),
            new Rule("PATCH", "/apps/api/v1/mobile_apps/{id}", Scope.ADMIN),
            new Rule("DELETE", "/apps/api/v1/mobile_apps/{id}", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/mobile_apps/{id}/activate", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/mobile_apps/{id}/deactivate", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/mobile_apps/{id}/test_push", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/menus/{id}/direct_access_points", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/direct_access_points", Scope.ADMIN),
            new Rule("DELETE", "/apps/api/v1/menus/{id}/direct_access_points/{dap_id}", Scope.ADMIN),
            // MMA routing rules: messages are configuration (admin). The SDK asks for DAP evaluation and
            // VoIP/PSTN with the key it ships (any valid key, like GET /menus); telephony routing and the
            // agent adapter, which place and transfer calls, use calls:write keys
            new Rule("GET", "/apps/api/v1/mobile_apps/{id}/messages/{lang}", Scope.ADMIN),
            new Rule("PUT", "/apps/api/v1/mobile_apps/{id}/messages/{lang}", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/direct_access_points/resolve", null),
            new Rule("POST", "/apps/api/v1/mobile_apps/{id}/call_route", null),
            new Rule("POST", "/apps/api/v1/mobile_apps/pstn_inbound", Scope.CALLS_WRITE),
            new Rule("POST", "/apps/api/v1/transfers/check", Scope.CALLS_WRITE),
            new Rule("GET", "/apps/api/v1/mobile_apps/{id}/transfer_destinations", Scope.CALLS_WRITE),
            new Rule("GET", "/apps/api/v1/mobile_apps/{id}/sms_link", Scope.CALLS_WRITE),
            // webhooks: endpoints and their secrets are configuration, like mobile apps' push credentials
            new Rule("POST", "/apps/api/v1/webhooks", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/webhooks", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/webhooks/{id}", Scope.ADMIN),
            new Rule("PATCH", "/apps/api/v1/webhooks/{id}", Scope.ADMIN),
            new Rule("DELETE", "/apps/api/v1/webhooks/{id}", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/webhooks/{id}/rotate_secret", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/webhooks/{id}/test", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/webhooks/{id}/deliveries", Scope.ADMIN),
            new Rule("POST", "/apps/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", Scope.ADMIN),
            // the telephony platform asks where 0 leads, like its other routing decisions
            new Rule("POST", "/apps/api/v1/ivr/dial_zero", Scope.CALLS_WRITE));

    /** The only routes a publishable key may call, and the only ones answering CORS requests. */
    private static final Set<String> BROWSER_ROUTES = Set.of("GET /apps/api/v1/wait_times");
    /** Served without the authorizer (template: Authorizer NONE). */
    private static final Set<String> ANONYMOUS_ROUTES = Set.of("OPTIONS /apps/api/v1/wait_times");

    private RouteAccess() {}

    public static boolean isBrowserRoute(String method, String resource) {
        return BROWSER_ROUTES.contains(method.toUpperCase() + " " + resource);
    }

    public static boolean isAnonymous(String method, String resource) {
        return ANONYMOUS_ROUTES.contains(method.toUpperCase() + " " + resource);
    }

    public static List<Rule> rules() {
        return RULES;
    }

    public static Optional<Rule> find(String method, String resource) {
        for (Rule r : RULES) {
            if ((r.method().equals("*") || r.method().equalsIgnoreCase(method))
                    && r.resource().equals(resource)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public static boolean allows(Set<Scope> granted, Rule rule) {
        return rule.scope() == null || granted.contains(rule.scope());
    }
}
