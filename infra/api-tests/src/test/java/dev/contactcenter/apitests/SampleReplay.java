package dev.contactcenter.apitests;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.PublishableKeyStore;
import dev.contactcenter.core.domain.PublishableKey;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.FakeFcm;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.SampleTenant;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replays the files in events/ (the samples for `sam local invoke`) through the handler template.yaml routes
 * each to: each folder in file-name order against its own freshly seeded demo tenant, so a folder's samples
 * may build on each other (create, then read).
 */
final class SampleReplay {
    /** The credentials the samples carry: ak_demokey000000000000 / sk_demosecret, and the widget's publishable key. */
    static final String DEMO_PUBLISHABLE_KEY = "pk_demowidget000000000000";
    /**
     * The test-push sample sends an Android push: FCM (token and messages endpoints) is played on
     * localhost, and the handler reads where it is when it is built.
     */
    static final FakeFcm FCM = FakeFcm.start(0);

    static {
        System.setProperty("fcm.token.uri", FCM.tokenUri());
        System.setProperty("fcm.base.url", FCM.baseUrl());
    }

    /** A proxy sample and what its handler answered. */
    record Replayed(
            TemplateRoutes.Route route, APIGatewayProxyRequestEvent request, APIGatewayProxyResponseEvent response) {}

    final TemplateRoutes template = TemplateRoutes.readDefault();
    final Path events = Handlers.projectRoot().resolve("events");
    private final Map<Path, Handlers> perFolder = new HashMap<>();

    List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(events)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static boolean isAuthorizerSample(Path file) throws IOException {
        return Json.parse(Files.readString(file)).has("methodArn");
    }

    IamPolicyResponseV1 authorize(Path file) {
        APIGatewayCustomAuthorizerEvent event =
                EventLoader.loadEvent(file.toString(), APIGatewayCustomAuthorizerEvent.class);
        return (IamPolicyResponseV1)
                handlers(file).forClass(template.authorizer().handlerClass()).handleRequest(event, null);
    }

    /** A stream or queue sample ({"Records": [...]}) rather than a request. */
    static boolean isRecordsSample(Path file) throws IOException {
        return Json.parse(Files.readString(file)).has("Records");
    }

    /**
     * Replays a stream or queue sample through the template function that the matching event source invokes
     * (DynamoDB for aws:dynamodb, SQS for aws:sqs); returns the records it reported as failed.
     */
    int replayRecords(Path file) throws IOException {
        String source = Json.parse(Files.readString(file))
                .path("Records")
                .get(0)
                .path("eventSource")
                .asText();
        String type = source.equals("aws:dynamodb") ? "DynamoDB" : "SQS";
        String handlerClass = null;
        for (Map.Entry<String, String> f : template.functionHandlers().entrySet()) {
            for (JsonNode event :
                    template.resource(f.getKey()).path("Properties").path("Events")) {
                if (type.equals(event.path("Type").asText())) {
                    handlerClass = f.getValue();
                }
            }
        }
        if (handlerClass == null) {
            throw new AssertionError(file + ": no template function is invoked by " + type);
        }
        RequestHandler<Object, Object> handler = handlers(file).forClass(handlerClass);
        if (type.equals("DynamoDB")) {
            StreamsEventResponse r =
                    (StreamsEventResponse) handler.handleRequest(EventLoader.loadDynamoDbEvent(file.toString()), null);
            return r.getBatchItemFailures().size();
        }
        SQSBatchResponse r = (SQSBatchResponse) handler.handleRequest(EventLoader.loadSQSEvent(file.toString()), null);
        return r.getBatchItemFailures().size();
    }

    Replayed replay(Path file) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(file.toString());
        TemplateRoutes.Route route = template.routes().stream()
                .filter(r ->
                        r.method().equals(event.getHttpMethod()) && r.path().equals(event.getResource()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(file + " names no template route"));
        APIGatewayProxyResponseEvent response = (APIGatewayProxyResponseEvent)
                handlers(file).forClass(route.handlerClass()).handleRequest(event, null);
        return new Replayed(route, event, response);
    }

    private Handlers handlers(Path file) {
        return perFolder.computeIfAbsent(file.getParent(), folder -> new Handlers(seededDemo()));
    }

    /**
     * The sample tenant (testkit {@link SampleTenant}: menus, mobile apps, DAPs) and the publishable key
     * for https://www.example.com.
     */
    static Backend seededDemo() {
        try {
            return seed(LocalDynamo.freshBackend());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Backend seed(Backend backend) throws IOException {
        SampleTenant.seed(backend);
        new PublishableKeyStore(backend)
                .create(new PublishableKey(
                        DEMO_PUBLISHABLE_KEY,
                        SampleTenant.ID,
                        List.of("https://www.example.com"),
                        false,
                        "sample events",
                        Instant.parse("2026-11-23T00:00:00Z")));
        return backend;
    }
}
