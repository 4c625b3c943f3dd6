package dev.contactcenter.core.http;

/** Keys of the context the authorizer returns and API Gateway passes to every handler. */
public final class AuthContext {
    public static final String TENANT_ID = "tenant_id";
    public static final String SCOPES = "scopes";
    public static final String KEY_ID = "key_id";
    /** "secret" or "publishable" (absent: secret). */
    public static final String KEY_KIND = "key_kind";
    /** Space-separated origins a browser may call from: the publishable key's, or the tenant's allowed_origins. */
    public static final String ALLOWED_ORIGINS = "allowed_origins";

    private AuthContext() {}
}
