package dev.contactcenter.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.contactcenter.core.auth.ApiKeyStore;
import dev.contactcenter.core.auth.Authenticator;
import dev.contactcenter.core.auth.PublishableKeyStore;
import dev.contactcenter.core.domain.KeyKind;
import dev.contactcenter.core.domain.Origins;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.http.AuthContext;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.tenant.TenantStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The REST API's Lambda REQUEST authorizer, behind two API Gateway authorizers: TenantKeyAuthorizer caches
 * its answer per Authorization and Host header for 300 s, so the policy for a secret key covers the whole
 * stage and carries no route-specific decision (the scope each route needs is checked by the function
 * serving the route, from the context returned here); WaitTimesAuthorizer (GET /wait_times, either
 * credential) caches nothing. A publishable key's policy allows only GET /wait_times, so no cache could
 * stretch it to another route. Origins are checked by the functions (BrowserAccess), never here.
 */
public final class Authorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {
    /** API Gateway answers 401 (and our gateway response adds WWW-Authenticate) for exactly this message. */
    public static final String UNAUTHORIZED = "Unauthorized";

    public static final String PUBLISHABLE_KEY_HEADER = "X-Publishable-Key";
    /** The one route a publishable key may call, as it appears in a method ARN. */
    static final String PUBLISHABLE_ROUTE = "GET/apps/api/v1/wait_times";

    private final Authenticator authenticator;

    public Authorizer() {
        this(Backend.fromEnvironment(), System.getenv("TENANT_DOMAIN"));
        // SnapStart: the whole lookup of a key no one holds (whatever it is, the secret does not match): 401, no writes
        Priming.register(() -> {
            String credentials = "ak_snapstart_priming:" + Priming.TENANT;
            APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
            event.setHeaders(Map.of(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
            try {
                handleRequest(event, null);
            } catch (RuntimeException e) {
                if (!UNAUTHORIZED.equals(e.getMessage())) {
                    throw e;
                }
            }
        });
    }

    public Authorizer(Backend backend, String tenantDomain) {
        this.authenticator = new Authenticator(
                new ApiKeyStore(backend), new PublishableKeyStore(backend), new TenantStore(backend), tenantDomain);
    }

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        Authenticator.Decision decision = authenticator.authenticate(
                header(event, "Authorization"), header(event, PUBLISHABLE_KEY_HEADER), header(event, "Host"));
        if (decision.outcome() == Authenticator.Outcome.UNAUTHORIZED) {
            throw new RuntimeException(UNAUTHORIZED);
        }
        Authenticator.Principal principal = decision.principal();
        String effect = decision.outcome() == Authenticator.Outcome.ALLOW
                ? IamPolicyResponseV1.ALLOW
                : IamPolicyResponseV1.DENY;
        IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.Statement.builder()
                .withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE)
                .withEffect(effect)
                .withResource(List.of(
                        principal.kind() == KeyKind.PUBLISHABLE
                                ? stageRoute(event.getMethodArn(), PUBLISHABLE_ROUTE)
                                : stageWildcard(event.getMethodArn())))
                .build();
        return IamPolicyResponseV1.builder()
                .withPrincipalId(principal.tenantId() + "/" + principal.keyId())
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(statement))
                        .build())
                .withContext(Map.of(
                        AuthContext.TENANT_ID, principal.tenantId(),
                        AuthContext.KEY_ID, principal.keyId(),
                        AuthContext.SCOPES, Scope.join(principal.scopes()),
                        AuthContext.KEY_KIND, principal.kind().wireName(),
                        AuthContext.ALLOWED_ORIGINS, Origins.join(principal.allowedOrigins())))
                .withUsageIdentifierKey(principal.usageKey())
                .build();
    }

    /** arn:aws:execute-api:{region}:{account}:{api}/{stage}/{method}/{path} becomes .../{api}/{stage}/* */
    static String stageWildcard(String methodArn) {
        if (methodArn == null) {
            return "*";
        }
        String[] parts = methodArn.split("/", 3);
        return parts.length < 2 ? methodArn : parts[0] + "/" + parts[1] + "/*";
    }

    /** .../{api}/{stage}/{method}/{path} becomes .../{api}/{stage}/{route} */
    static String stageRoute(String methodArn, String route) {
        String stage = stageWildcard(methodArn);
        return stage.endsWith("/*") ? stage.substring(0, stage.length() - 1) + route : stage;
    }

    private static String header(APIGatewayCustomAuthorizerEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> e : event.getHeaders().entrySet()) {
            if (name.equalsIgnoreCase(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}
