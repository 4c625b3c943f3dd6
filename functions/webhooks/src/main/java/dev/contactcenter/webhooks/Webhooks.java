package dev.contactcenter.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.contactcenter.core.crypto.KmsKeyWrapper;
import dev.contactcenter.core.http.ApiRequest;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.http.Router;
import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.webhooks.Backoff;
import dev.contactcenter.core.webhooks.DeliveryService;
import dev.contactcenter.core.webhooks.EndpointSecrets;
import dev.contactcenter.core.webhooks.LocalWebhooks;
import dev.contactcenter.core.webhooks.SqsDeliveryQueue;
import dev.contactcenter.core.webhooks.TargetPolicy;
import dev.contactcenter.core.webhooks.WebhookJson;
import dev.contactcenter.core.webhooks.WebhookSender;
import dev.contactcenter.core.webhooks.WebhookService;
import dev.contactcenter.core.webhooks.WebhookStore;

/** The /webhooks resource: endpoints, secret rotation, test pings, delivery history and redelivery. */
public final class Webhooks implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String COLLECTION = "/apps/api/v1/webhooks";
    private static final String ITEM = COLLECTION + "/{id}";
    private static final String DELIVERIES = ITEM + "/deliveries";

    private final WebhookService webhooks;
    private final Router router;

    /** Lambda: secrets sealed with the KMS key, public https targets only, redeliveries through SQS. */
    public Webhooks() {
        this(lambdaService(Backend.fromEnvironment()));
        Priming.register(this, "GET", COLLECTION, null);
    }

    /** Local runtime: the local wrapping key, http://localhost allowed, the in-process queue. */
    public Webhooks(Backend backend) {
        this(LocalWebhooks.forBackend(backend).service(backend));
    }

    public Webhooks(WebhookService webhooks) {
        this.webhooks = webhooks;
        this.router = new Router()
                .route("POST", COLLECTION, this::create)
                .route(
                        "GET",
                        COLLECTION,
                        r -> ApiResponse.ok(WebhookJson.endpoints(webhooks.list(r.tenantId()), webhooks.now())))
                .route(
                        "GET",
                        ITEM,
                        r -> ApiResponse.ok(
                                WebhookJson.endpoint(webhooks.get(r.tenantId(), r.pathId("id")), webhooks.now())))
                .route(
                        "PATCH",
                        ITEM,
                        r -> ApiResponse.ok(WebhookJson.endpoint(
                                webhooks.patch(r.tenantId(), r.pathId("id"), r.jsonObject()), webhooks.now())))
                .route("DELETE", ITEM, r -> {
                    webhooks.delete(r.tenantId(), r.pathId("id"));
                    return ApiResponse.noContent();
                })
                .route("POST", ITEM + "/rotate_secret", r -> {
                    WebhookService.WithSecret rotated = webhooks.rotate(r.tenantId(), r.pathId("id"));
                    return ApiResponse.ok(WebhookJson.withSecret(rotated.endpoint(), rotated.secret(), webhooks.now()));
                })
                .route(
                        "POST",
                        ITEM + "/test",
                        r -> ApiResponse.ok(WebhookJson.delivery(webhooks.test(r.tenantId(), r.pathId("id")))))
                .route(
                        "GET",
                        DELIVERIES,
                        r -> ApiResponse.ok(WebhookJson.deliveries(webhooks.deliveries(
                                r.tenantId(), r.pathId("id"), r.query("status"), r.query("cursor"), r.query("limit")))))
                .route(
                        "POST",
                        DELIVERIES + "/{delivery_id}/redeliver",
                        r -> ApiResponse.json(
                                202,
                                WebhookJson.delivery(webhooks.redeliver(
                                        r.tenantId(), r.pathId("id"), r.pathParameter("delivery_id")))));
    }

    private static WebhookService lambdaService(Backend backend) {
        KmsKeyWrapper keys = KmsKeyWrapper.fromEnvironment();
        SqsDeliveryQueue queue = SqsDeliveryQueue.fromEnvironment();
        DeliveryService deliveries = new DeliveryService(
                new WebhookStore(backend),
                new EndpointSecrets(keys),
                TargetPolicy.strict(),
                new WebhookSender(WebhookSender.TIMEOUT),
                Backoff.STANDARD,
                backend.clock());
        return new WebhookService(backend, keys, TargetPolicy.strict(), deliveries, queue);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return router.handle(event);
    }

    private ApiResponse create(ApiRequest r) {
        WebhookService.WithSecret created = webhooks.create(r.tenantId(), r.jsonObject());
        return ApiResponse.created(
                WebhookJson.withSecret(created.endpoint(), created.secret(), webhooks.now()),
                COLLECTION + "/" + created.endpoint().id());
    }

    private java.time.Instant now(ApiRequest r) {
        return webhooks.now();
    }
}
