package dev.contactcenter.core.auth;

import dev.contactcenter.core.domain.ApiKey;
import dev.contactcenter.core.domain.KeyKind;
import dev.contactcenter.core.domain.PublishableKey;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.domain.Tenant;
import dev.contactcenter.core.domain.TenantSettings;
import dev.contactcenter.core.tenant.TenantStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the credentials (HTTP Basic {@code key:secret}, or a publishable key in {@code X-Publishable-Key})
 * and the Host a request was sent to. Plain Java over the stores, so the Lambda authorizer and the tests
 * share it. The Origin is deliberately not decided here: API Gateway caches this decision on identity
 * headers that cannot include Origin (see docs/widget.md), so the origin lists travel in the principal and
 * {@link BrowserAccess} checks them on every request.
 */
public final class Authenticator {
    /** What an accepted request carries on: who it is and what it may do. */
    public record Principal(
            String tenantId,
            String keyId,
            Set<Scope> scopes,
            String usageKey,
            KeyKind kind,
            List<String> allowedOrigins) {}

    public enum Outcome {
        ALLOW,
        UNAUTHORIZED,
        FORBIDDEN
    }

    public record Decision(Outcome outcome, Principal principal, String reason) {
        static Decision unauthorized(String reason) {
            return new Decision(Outcome.UNAUTHORIZED, null, reason);
        }
    }

    private static final byte[] DUMMY_SALT = new byte[16];
    private static final byte[] DUMMY_HASH = KeySecrets.hash(DUMMY_SALT, "no such key");

    private final ApiKeyStore keys;
    private final PublishableKeyStore publishableKeys;
    private final TenantStore tenants;
    private final String tenantDomain;

    /**
     * @param tenantDomain the API's tenant domain (e.g. {@code api.example.com}, {@code localhost}): a Host of
     *                     the form {@code {tenant}.{tenantDomain}} must name the key's tenant. Null: no Host rule.
     */
    public Authenticator(
            ApiKeyStore keys, PublishableKeyStore publishableKeys, TenantStore tenants, String tenantDomain) {
        this.keys = keys;
        this.publishableKeys = publishableKeys;
        this.tenants = tenants;
        this.tenantDomain =
                tenantDomain == null || tenantDomain.isBlank() ? null : tenantDomain.toLowerCase(Locale.ROOT);
    }

    public Decision authenticate(String authorization, String host) {
        return authenticate(authorization, null, host);
    }

    /**
     * The Basic credentials when the request has an Authorization header, else the publishable key. Every route
     * accepts Basic credentials, so a publishable key beside them is not looked at (it could only grant less), and
     * the default authorizer's cached decision depends on its identity sources alone (Authorization and Host).
     */
    public Decision authenticate(String authorization, String publishableKey, String host) {
        if ((authorization == null || authorization.isBlank()) && publishableKey != null && !publishableKey.isBlank()) {
            return authenticatePublishable(publishableKey.trim(), host);
        }
        Optional<String[]> credentials = parseBasic(authorization);
        if (credentials.isEmpty()) {
            return Decision.unauthorized("missing or malformed Basic credentials");
        }
        String keyId = credentials.get()[0];
        String secret = credentials.get()[1];
        Optional<ApiKey> key = keyId.matches("[A-Za-z0-9_-]{1,64}") ? keys.get(keyId) : Optional.empty();
        // hash even for unknown keys so timing does not reveal which key ids exist
        boolean secretOk;
        if (key.isPresent()) {
            secretOk = KeySecrets.matches(key.get().salt(), key.get().secretHash(), secret);
        } else {
            KeySecrets.matches(DUMMY_SALT, DUMMY_HASH, secret);
            secretOk = false;
        }
        if (key.isEmpty() || !secretOk || key.get().revoked()) {
            return Decision.unauthorized("unknown key, wrong secret or revoked key");
        }
        Optional<Tenant> tenant = tenants.get(key.get().tenantId());
        if (tenant.isEmpty()) {
            return Decision.unauthorized("the key's tenant no longer exists");
        }
        Principal principal = new Principal(
                tenant.get().id(),
                keyId,
                key.get().scopes(),
                tenant.get().usageKey(),
                KeyKind.SECRET,
                TenantSettings.allowedOrigins(tenant.get().settings()));
        return checkHost(principal, host);
    }

    /** A publishable key is no secret, so an unknown one costs no hash: only existence and revocation count. */
    private Decision authenticatePublishable(String keyId, String host) {
        Optional<PublishableKey> key =
                KeySecrets.isPublishableKeyId(keyId) ? publishableKeys.get(keyId) : Optional.empty();
        if (key.isEmpty() || key.get().revoked()) {
            return Decision.unauthorized("unknown or revoked publishable key");
        }
        Optional<Tenant> tenant = tenants.get(key.get().tenantId());
        if (tenant.isEmpty()) {
            return Decision.unauthorized("the key's tenant no longer exists");
        }
        return checkHost(
                new Principal(
                        tenant.get().id(),
                        keyId,
                        Set.of(),
                        tenant.get().usageKey(),
                        KeyKind.PUBLISHABLE,
                        key.get().origins()),
                host);
    }

    private Decision checkHost(Principal principal, String host) {
        Optional<String> hostTenant = tenantOfHost(host);
        if (hostTenant.isPresent() && !hostTenant.get().equals(principal.tenantId())) {
            return new Decision(Outcome.FORBIDDEN, principal, "the Host names another tenant");
        }
        return new Decision(Outcome.ALLOW, principal, null);
    }

    /** The tenant a Host header names, if it is a subdomain of the tenant domain. */
    Optional<String> tenantOfHost(String host) {
        if (tenantDomain == null || host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        String suffix = "." + tenantDomain;
        if (!h.endsWith(suffix)) {
            return Optional.empty();
        }
        String label = h.substring(0, h.length() - suffix.length());
        return label.isEmpty() || label.contains(".") ? Optional.empty() : Optional.of(label);
    }

    /** {@code Basic base64(key:secret)}; empty for anything else, an empty secret included. */
    public static Optional<String[]> parseBasic(String authorization) {
        if (authorization == null || authorization.length() > 1024) {
            return Optional.empty();
        }
        String value = authorization.trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }
}
