package dev.contactcenter.waittimes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
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
    private final Router router;

    public GetWaitTimes() {
        this(Backend.fromEnvironment(), cacheSecondsFromEnvironment());
        Priming.register(this, "GET", RESOURCE, null);
    }

    public GetWaitTimes(Backend backend) {
        this(backend, DEFAULT_CACHE_SECONDS);
    }

    public GetWaitTimes(Backend backend, int cacheSeconds) {
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

    private static int cacheSecondsFromEnvironment() {
        String value = System.getenv("WAIT_TIMES_CACHE_SECONDS");
        return value == null || value.isBlank() ? DEFAULT_CACHE_SECONDS : Integer.parseInt(value.strip());
    }
}
