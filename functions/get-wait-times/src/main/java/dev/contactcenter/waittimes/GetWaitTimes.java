package dev.contactcenter.waittimes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.auth.PublishableKeyLimit;
import dev.contactcenter.core.aws.LambdaEnvironment;
import dev.contactcenter.core.domain.KeyKind;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.BrowserAccess;
import dev.contactcenter.core.http.ETags;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.menu.MenuStore;
import dev.contactcenter.core.mobileapps.MobileAppScope;
import dev.contactcenter.core.queue.ContactWaits;
import dev.contactcenter.core.queue.QueueStore;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.waittimes.AccuracyQuery;
import dev.contactcenter.core.waittimes.AccuracyService;
import dev.contactcenter.core.waittimes.ContactWaitJson;
import dev.contactcenter.core.waittimes.WaitTimeRow;
import dev.contactcenter.core.waittimes.WaitTimesJson;
import dev.contactcenter.core.waittimes.WaitTimesQuery;
import dev.contactcenter.core.waittimes.WaitTimesService;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * GET /apps/api/v1/wait_times: estimated wait per queue, cacheable for a few seconds; its CORS preflight; and
 * GET /apps/api/v1/wait_times/accuracy: how the quoted waits compared with the realized ones; and
 * GET /apps/api/v1/wait_times/contacts/{contact_id}: one contact's position in line and remaining wait.
 */
public final class GetWaitTimes implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String RESOURCE = "/apps/api/v1/wait_times";
    private static final String ACCURACY = RESOURCE + "/accuracy";
    private static final String CONTACT = RESOURCE + "/contacts/{contact_id}";
    /** Matches the stage cache TTL (template parameter WaitTimesCacheSeconds). */
    static final int DEFAULT_CACHE_SECONDS = 10;

    private final WaitTimesService waitTimes;
    private final WaitTimesJson json = new WaitTimesJson();
    private final AccuracyService accuracy;
    private final ContactWaits contactWaits;
    private final MobileAppScope appScope;
    private final String cacheControl;
    private final PublishableKeyLimit publishableKeyLimit;
    private final Router router;

    public GetWaitTimes() {
        this(Backend.fromEnvironment(), cacheSecondsFromEnvironment(), publishableKeyLimitFromEnvironment());
        Priming.register(this, "GET", RESOURCE, null);
    }

    /** The local runtime and tests: the limit per publishable key as the runtime was told (its system property). */
    public GetWaitTimes(Backend backend) {
        this(backend, DEFAULT_CACHE_SECONDS, publishableKeyLimitFromEnvironment());
    }

    public GetWaitTimes(Backend backend, int cacheSeconds, int publishableKeyRequestsPerMinute) {
        this.publishableKeyLimit = new PublishableKeyLimit(backend, publishableKeyRequestsPerMinute);
        this.waitTimes = new WaitTimesService(backend);
        this.accuracy = new AccuracyService(backend);
        this.contactWaits = new ContactWaits(backend, new QueueStore(backend), new MenuStore(backend));
        this.appScope = new MobileAppScope(backend);
        // private: every response is one tenant's; shared caches must not hand it to another
        this.cacheControl = "private, max-age=" + cacheSeconds;
        this.router = new Router()
                .route("GET", RESOURCE, this::get)
                .route("OPTIONS", RESOURCE, BrowserAccess::preflight)
                .route("GET", ACCURACY, this::accuracy)
                .route("GET", CONTACT, this::contact);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }

    private ApiResponse get(ApiRequest r) {
        if (r.keyKind() == KeyKind.PUBLISHABLE) {
            // before any read: a key over its limit costs one write, not the wait-times queries
            OptionalLong retryAfter = publishableKeyLimit.acquire(r.keyId().orElseThrow());
            if (retryAfter.isPresent()) {
                throw new ApiException(
                        429,
                        "Too Many Requests",
                        "This publishable key's limit of " + publishableKeyLimit.perMinute()
                                + " requests a minute is spent; retry after " + retryAfter.getAsLong() + " s.",
                        List.of(),
                        Map.of("Retry-After", Long.toString(retryAfter.getAsLong())),
                        null);
            }
        }
        WaitTimesQuery query = WaitTimesQuery.from(r);
        // the mobile SDK names its app: it sees only that app's queues
        List<WaitTimeRow> rows = r.header(MobileAppScope.HEADER)
                .map(app -> waitTimes.waitTimesForApp(r.tenantId(), query, appScope.resolve(r.tenantId(), app)))
                .orElseGet(() -> waitTimes.waitTimes(r.tenantId(), query));
        WaitTimesJson.Body body = json.write(r.tenantId(), rows);
        return ETags.conditional(r, ApiResponse.okJson(body.json()), body.etag(), cacheControl);
    }

    private ApiResponse accuracy(ApiRequest r) {
        return ApiResponse.ok(
                accuracy.report(r.tenantId(), AccuracyQuery.from(r)).toJson());
    }

    private ApiResponse contact(ApiRequest r) {
        return contactWaits
                .of(r.tenantId(), r.pathParameter("contact_id"))
                .map(w -> ApiResponse.ok(ContactWaitJson.toJson(w)))
                .orElseThrow(() -> ApiException.notFound("No queue event has reported this contact."));
    }

    private static int publishableKeyLimitFromEnvironment() {
        return Integer.parseInt(LambdaEnvironment.setting(
                        "PUBLISHABLE_KEY_REQUESTS_PER_MINUTE",
                        "publishable.key.requests.per.minute",
                        Integer.toString(PublishableKeyLimit.DEFAULT_PER_MINUTE))
                .strip());
    }

    private static int cacheSecondsFromEnvironment() {
        String value = System.getenv("WAIT_TIMES_CACHE_SECONDS");
        return value == null || value.isBlank() ? DEFAULT_CACHE_SECONDS : Integer.parseInt(value.strip());
    }
}
