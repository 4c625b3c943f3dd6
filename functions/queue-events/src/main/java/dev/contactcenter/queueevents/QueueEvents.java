package dev.contactcenter.queueevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.FieldError;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.queue.QueueEventService;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.waittimes.AccuracyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** POST /apps/api/v1/queue_events: the routing engine's reports that wait times are computed from. */
public final class QueueEvents implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String RESOURCE = "/apps/api/v1/queue_events";

    private final QueueEventService events;
    private final Router router;

    public QueueEvents() {
        this(Backend.fromEnvironment());
        // SnapStart: an empty batch is parsed and refused (400): priming never writes queue state
        Priming.register(this, "POST", RESOURCE, "{\"events\": []}");
    }

    public QueueEvents(Backend backend) {
        this.events = new QueueEventService(backend, new AccuracyStore(backend));
        this.router = new Router().route("POST", RESOURCE, this::post);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }

    private ApiResponse post(ApiRequest r) {
        QueueEventService.BatchResult result = events.apply(r.tenantId(), r.jsonObject());
        ObjectNode body = Json.object();
        body.put("accepted", result.accepted());
        body.put("duplicates", result.duplicates());
        var rejected = body.putArray("rejected");
        List<FieldError> errors = new ArrayList<>();
        for (QueueEventService.Rejection rejection : result.rejected()) {
            ObjectNode entry = rejected.addObject().put("index", rejection.index());
            String field = "events[" + rejection.index() + "]";
            if (rejection.field() != null) {
                entry.put("field", rejection.field());
                field += "." + rejection.field();
            }
            entry.put("detail", rejection.detail());
            errors.add(new FieldError(field, rejection.detail()));
        }
        if (result.accepted() == 0 && result.duplicates() == 0 && !errors.isEmpty()) {
            // nothing was applied: a sender that reads only the status must see the batch failed, not a 200
            throw new ApiException(
                    422,
                    "Unprocessable Content",
                    "Every event of the batch was rejected; none was applied.",
                    errors,
                    Map.of(),
                    body);
        }
        return ApiResponse.ok(body);
    }
}
