package dev.contactcenter.core.auth;

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
    public record Rule(String method, String resource, Scope scope) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("GET", "/apps/api/v1/menus", null),
            new Rule("GET", "/apps/api/v1/menus/{id}", null),
            new Rule("POST", "/apps/api/v1/menus", Scope.ADMIN),
            new Rule("PATCH", "/apps/api/v1/menus/{id}", Scope.ADMIN),
            new Rule("DELETE", "/apps/api/v1/menus/{id}", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/settings", Scope.ADMIN),
            new Rule("PATCH", "/apps/api/v1/settings", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/wait_times", Scope.EWT_READ),
            new Rule("POST", "/apps/api/v1/queue_events", Scope.QUEUE_EVENTS_WRITE),
            new Rule("POST", "/apps/api/v1/calls", Scope.CALLS_WRITE),
            new Rule("GET", "/apps/api/v1/calls", Scope.CALLS_WRITE),
            new Rule("GET", "/apps/api/v1/calls/{id}", Scope.CALLS_WRITE),
            new Rule("PATCH", "/apps/api/v1/calls/{id}", Scope.CALLS_WRITE),
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
            new Rule("POST", "/apps/api/v1/menus/{id}/direct_access_points", Scope.ADMIN),
            new Rule("GET", "/apps/api/v1/direct_access_points", Scope.ADMIN),
            new Rule("DELETE", "/apps/api/v1/menus/{id}/direct_access_points/{dap_id}", Scope.ADMIN));

    private RouteAccess() {
    }

    public static List<Rule> rules() {
        return RULES;
    }

    public static Optional<Rule> find(String method, String resource) {
        for (Rule r : RULES) {
            if ((r.method().equals("*") || r.method().equalsIgnoreCase(method)) && r.resource().equals(resource)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public static boolean allows(Set<Scope> granted, Rule rule) {
        return rule.scope() == null || granted.contains(rule.scope());
    }
}
