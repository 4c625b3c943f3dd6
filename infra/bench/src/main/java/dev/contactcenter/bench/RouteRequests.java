package dev.contactcenter.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.contactcenter.bench.cold.ColdStart;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.FakeFcm;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.RequestCounter;
import dev.contactcenter.testkit.SampleTenant;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * DynamoDB requests per API request: every sample in events/ through the handler template.yaml routes it
 * to, each folder in file order against a freshly seeded sample tenant (as the event-replay test runs them).
 */
final class RouteRequests {
    private final Path root;
    private final String endpoint;

    RouteRequests(Path root, String endpoint) {
        this.root = root;
        this.endpoint = endpoint;
    }

    /** "METHOD resource (sample file): status" to the number of DynamoDB calls it made. */
    Map<String, Integer> count() throws IOException {
        // the test-push sample sends an Android push: FCM is played on localhost
        FakeFcm fcm = FakeFcm.start(0);
        System.setProperty("fcm.token.uri", fcm.tokenUri());
        System.setProperty("fcm.base.url", fcm.baseUrl());
        TemplateRoutes template = TemplateRoutes.read(root.resolve("template.yaml"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root.resolve("events"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Path folder = null;
        Backend backend = null;
        RequestCounter counter = new RequestCounter();
        for (Path file : files) {
            if (!file.getParent().equals(folder)) {
                folder = file.getParent();
                backend = new Backend(
                        LocalDynamo.client(endpoint, List.of(counter)),
                        "routes-" + folder.getFileName(),
                        Clock.systemUTC());
                LocalDynamo.createTable(backend.dynamo(), backend.table());
                SampleTenant.seed(backend);
            }
            Map<String, Map<String, String>> event = LatencyBench.event(file);
            String method = event.getOrDefault("method", Map.of()).get("");
            String resource = event.getOrDefault("resource", Map.of()).get("");
            if (method == null && !event.containsKey("methodArn")) {
                // a queue message or a schedule (webhook delivery, due calls), not an API request
                continue;
            }
            String handlerClass = event.containsKey("methodArn")
                    ? template.authorizer().handlerClass()
                    : template.routes().stream()
                            .filter(r -> r.method().equals(method) && r.path().equals(resource))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException(file + " names no template route"))
                            .handlerClass();
            Object handler = handler(handlerClass, backend);
            counter.reset();
            int status = ColdStart.invoke(handler, event);
            String route = event.containsKey("methodArn") ? "authorizer" : method + " " + resource;
            counts.put(
                    String.format(
                            "%-62s %s", route + " (" + root.resolve("events").relativize(file) + ")", status),
                    counter.count());
        }
        fcm.close();
        return counts;
    }

    /** A handler built with a Backend, as the local runtime and the tests build them. */
    static RequestHandler<?, ?> handler(String className, Backend backend) {
        try {
            Class<?> type = Class.forName(className);
            Object handler = type.getName().endsWith(".Authorizer")
                    ? type.getConstructor(Backend.class, String.class).newInstance(backend, "api.example.com")
                    : type.getConstructor(Backend.class).newInstance(backend);
            return (RequestHandler<?, ?>) handler;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " cannot be built with a Backend", e);
        }
    }
}
