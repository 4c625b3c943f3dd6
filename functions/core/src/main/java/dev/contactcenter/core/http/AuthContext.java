package dev.contactcenter.core.http;

/** Keys of the context the authorizer returns and API Gateway passes to every handler. */
public final class AuthContext {
    public static final String TENANT_ID = "tenant_id";
    public static final String SCOPES = "scopes";
    public static final String KEY_ID = "key_id";

    private AuthContext() {
    }
}
