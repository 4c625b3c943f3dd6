package dev.contactcenter.apitests;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.contactcenter.core.Json;
import dev.contactcenter.testkit.FakeFcm;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.SampleTenant;
import dev.contactcenter.testkit.TemplateRoutes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every file in events/ (the samples for `sam local invoke`) through the handler template.yaml
 * routes it to: each folder in file-name order against its own freshly seeded demo tenant (so a
 * folder's samples may build on each other: create, then read), and each sample must succeed.
 */
class EventReplayTest {
    /**
     * The test-push sample sends an Android push: FCM (token and messages endpoints) is played on
     * localhost, and the handler reads where it is when it is built.
     */
    static final FakeFcm FCM = FakeFcm.start(0);

    static {
        System.setProperty("fcm.token.uri", FCM.tokenUri());
        System.setProperty("fcm.base.url", FCM.baseUrl());
    }

    @TestFactory
    Stream<DynamicTest> everySampleEventSucceedsThroughItsHandler() throws IOException {
        TemplateRoutes template = TemplateRoutes.readDefault();
        Path events = Handlers.projectRoot().resolve("events");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(events)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= template.routes().size());
        Map<Path, Handlers> perFolder = new HashMap<>();
        return files.stream().map(file -> DynamicTest.dynamicTest(events.relativize(file).toString(), () -> {
            Handlers handlers = perFolder.computeIfAbsent(file.getParent(), folder -> new Handlers(SampleTenant.seed(LocalDynamo.freshBackend())));
            String text = Files.readString(file);
            if (Json.parse(text).has("methodArn")) {
                APIGatewayCustomAuthorizerEvent event = EventLoader.loadEvent(file.toString(), APIGatewayCustomAuthorizerEvent.class);
                IamPolicyResponseV1 policy = (IamPolicyResponseV1) handlers.forClass(template.authorizer().handlerClass()).handleRequest(event, null);
                assertEquals("demo", policy.getContext().get("tenant_id"));
                return;
            }
            APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(file.toString());
            TemplateRoutes.Route route = template.routes().stream()
                    .filter(r -> r.method().equals(event.getHttpMethod()) && r.path().equals(event.getResource()))
                    .findFirst().orElseThrow(() -> new AssertionError(file + " names no template route"));
            APIGatewayProxyResponseEvent response = (APIGatewayProxyResponseEvent) handlers.forClass(route.handlerClass()).handleRequest(event, null);
            assertTrue(response.getStatusCode() >= 200 && response.getStatusCode() < 300,
                    file + " -> " + response.getStatusCode() + " " + response.getBody());
        }));
    }
}
