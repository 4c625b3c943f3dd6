package dev.contactcenter.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.TemplateRoutes;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The REQUEST authorizer as API Gateway runs it: identity sources checked first, the returned policy
 * cached per identity-source values for the template's TTL and evaluated against each method ARN.
 */
final class GatewayAuthorizer {
    static final String API_ARN = "arn:aws:execute-api:local:000000000000:local/local/";

    enum Verdict {
        ALLOW,
        UNAUTHORIZED,
        FORBIDDEN
    }

    /** The verdict, and for an allowed request what API Gateway hands on: the context and usage key. */
    record Outcome(Verdict verdict, Map<String, Object> context, String usageKey) {
        static final Outcome UNAUTHORIZED = new Outcome(Verdict.UNAUTHORIZED, Map.of(), null);
        static final Outcome FORBIDDEN = new Outcome(Verdict.FORBIDDEN, Map.of(), null);
    }

    private record Cached(IamPolicyResponseV1 policy, long expiresAtNanos) {}

    private final String functionId;
    private final RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> authorizer;
    private final List<String> identityHeaders;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    GatewayAuthorizer(TemplateRoutes.AuthorizerConfig config, Backend backend, String tenantDomain) {
        this.functionId = config.functionId();
        this.authorizer = RouteTable.instantiate(
                config.functionId(),
                config.handlerClass(),
                new Class<?>[] {Backend.class, String.class},
                backend,
                tenantDomain);
        this.identityHeaders = config.identityHeaders();
        this.ttlNanos = config.ttlSeconds() * 1_000_000_000L;
    }

    Outcome authorize(String method, String resource, String path, Map<String, String> headers) {
        StringBuilder identity = new StringBuilder();
        for (String name : identityHeaders) {
            Optional<String> value = header(headers, name);
            if (value.isEmpty() || value.get().isBlank()) {
                return Outcome.UNAUTHORIZED; // API Gateway refuses without calling the authorizer
            }
            identity.append(value.get()).append('\n');
        }
        String methodArn = API_ARN + method + path;
        Cached cached = cache.get(identity.toString());
        if (cached == null || System.nanoTime() - cached.expiresAtNanos() > 0) {
            APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
            event.setType("REQUEST");
            event.setMethodArn(methodArn);
            event.setResource(resource);
            event.setPath(path);
            event.setHttpMethod(method);
            event.setHeaders(headers);
            IamPolicyResponseV1 policy;
            try {
                policy = authorizer.handleRequest(event, new LocalContext(functionId));
            } catch (RuntimeException e) {
                if ("Unauthorized".equals(e.getMessage())) {
                    return Outcome.UNAUTHORIZED;
                }
                throw e;
            }
            cached = new Cached(policy, System.nanoTime() + ttlNanos);
            if (ttlNanos > 0) {
                cache.put(identity.toString(), cached);
            }
        }
        IamPolicyResponseV1 policy = cached.policy();
        if (!allows(policy.getPolicyDocument(), methodArn)) {
            return Outcome.FORBIDDEN;
        }
        Map<String, Object> context = new HashMap<>(policy.getContext() == null ? Map.of() : policy.getContext());
        context.put("principalId", policy.getPrincipalId());
        return new Outcome(Verdict.ALLOW, context, policy.getUsageIdentifierKey());
    }

    /** IAM evaluation for execute-api:Invoke: an explicit Deny wins, otherwise an Allow must match. */
    static boolean allows(Map<String, Object> document, String methodArn) {
        boolean allowed = false;
        for (Object s : values(document.get("Statement"))) {
            Map<?, ?> statement = (Map<?, ?>) s;
            boolean invokes = values(statement.get("Action")).stream()
                    .anyMatch(a -> wildcard(a.toString().toLowerCase())
                            .matcher("execute-api:invoke")
                            .matches());
            boolean covers = values(statement.get("Resource")).stream()
                    .anyMatch(r -> wildcard(r.toString()).matcher(methodArn).matches());
            if (invokes && covers) {
                if ("Deny".equalsIgnoreCase(String.valueOf(statement.get("Effect")))) {
                    return false;
                }
                allowed |= "Allow".equalsIgnoreCase(String.valueOf(statement.get("Effect")));
            }
        }
        return allowed;
    }

    /** Policy elements may be one value or a list of them. */
    private static Collection<?> values(Object element) {
        if (element instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (element instanceof Collection<?> list) {
            return list;
        }
        return element == null ? List.of() : List.of(element);
    }

    private static Pattern wildcard(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("((?<=[*?])|(?=[*?]))")) {
            regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
