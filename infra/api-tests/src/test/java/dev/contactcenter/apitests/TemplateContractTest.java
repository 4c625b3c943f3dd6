package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contactcenter.core.http.RouteAccess;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.webhooks.EventDispatcher;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.TemplateRoutes;
import dev.contactcenter.webhooks.delivery.WebhookDelivery;
import dev.contactcenter.webhooks.dispatcher.WebhookDispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** template.yaml is deployed without being run here, so these tests tie it to the code. */
class TemplateContractTest {
    final TemplateRoutes template = TemplateRoutes.readDefault();

    @Test
    void everyTemplateRouteIsServedByItsHandlerClass() {
        Handlers handlers = new Handlers(LocalDynamo.freshBackend());
        assertFalse(template.routes().isEmpty());
        for (TemplateRoutes.Route route : template.routes()) {
            RequestHandler<Object, Object> handler = handlers.forClass(route.handlerClass());
            // without an authorizer context a registered route answers 401 (a preflight, which has none, 204); an
            // unregistered one 404
            APIGatewayProxyResponseEvent r = (APIGatewayProxyResponseEvent) handler.handleRequest(
                    ApiEvents.request(route.method(), route.path())
                            .path("id", 1)
                            .build(),
                    null);
            int expected = RouteAccess.isAnonymous(route.method(), route.path()) ? 204 : 401;
            assertEquals(
                    expected,
                    r.getStatusCode(),
                    route + " is not registered in " + route.handlerClass() + ": " + r.getBody());
            assertTrue(
                    RouteAccess.find(route.method(), route.path()).isPresent(),
                    route + " has no scope rule in RouteAccess");
        }
    }

    /** A route without an authorizer on AWS must be one the functions serve without a tenant, and the reverse. */
    @Test
    void routesWithoutAnAuthorizerAreExactlyTheAnonymousOnes() {
        for (TemplateRoutes.Route route : template.routes()) {
            boolean unauthorized = TemplateRoutes.NO_AUTHORIZER.equals(route.authorizer());
            assertEquals(unauthorized, RouteAccess.isAnonymous(route.method(), route.path()), route.toString());
            assertTrue(
                    unauthorized || template.authorizers().containsKey(route.authorizer()),
                    route + " names an unknown authorizer");
        }
    }

    /**
     * API Gateway refuses a request lacking any identity source with 401 without calling the authorizer, so
     * the route taking either credential has an authorizer with none, and therefore one that caches nothing.
     */
    @Test
    void theWaitTimesAuthorizerNeverCaches() {
        TemplateRoutes.Route waitTimes = template.routes().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/apps/api/v1/wait_times"))
                .findFirst()
                .orElseThrow();
        TemplateRoutes.AuthorizerConfig config = template.authorizers().get(waitTimes.authorizer());
        assertEquals(0, config.ttlSeconds());
        assertTrue(config.identityHeaders().isEmpty(), config.toString());
        assertEquals(template.authorizer().handlerClass(), config.handlerClass());
    }

    @Test
    void everyHandlerClassInTheFunctionsHasARouteOrIsTheAuthorizer() throws IOException {
        Set<String> inTemplate = new TreeSet<>();
        template.routes().forEach(r -> inTemplate.add(r.handlerClass()));
        inTemplate.add(template.authorizer().handlerClass());
        // functions invoked by the table's stream or a queue, not by a route
        inTemplate.addAll(template.functionHandlers().values());
        Pattern pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
        List<String> handlers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Handlers.projectRoot().resolve("functions"))) {
            for (Path f : files.filter(
                            p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
                    .toList()) {
                String source = Files.readString(f);
                if (source.contains("implements RequestHandler<")) {
                    Matcher m = pkg.matcher(source);
                    assertTrue(m.find(), f.toString());
                    handlers.add(m.group(1) + "." + f.getFileName().toString().replace(".java", ""));
                }
            }
        }
        assertFalse(handlers.isEmpty());
        for (String handler : handlers) {
            assertTrue(
                    inTemplate.contains(handler), handler + " is a Lambda handler that template.yaml does not deploy");
        }
    }

    @Test
    void everyRouteHasASampleEvent() throws IOException {
        Set<String> sampled = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(Handlers.projectRoot().resolve("events"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode event = json.readTree(f.toFile());
                sampled.add(event.path("httpMethod").asText() + " "
                        + event.path("resource").asText());
            }
        }
        for (TemplateRoutes.Route route : template.routes()) {
            assertTrue(sampled.contains(route.method() + " " + route.path()), "events/ has no sample for " + route);
        }
    }

    @Test
    void templateTableMatchesTheTableTheCodeCreates() throws IOException {
        JsonNode table = new ObjectMapper(new YAMLFactory())
                .readTree(Handlers.projectRoot().resolve("template.yaml").toFile())
                .path("Resources")
                .path("Table")
                .path("Properties");
        CreateTableRequest code = TableDesign.createTableRequest("t");
        Set<String> templateAttributes = new TreeSet<>();
        table.path("AttributeDefinitions")
                .forEach(a -> templateAttributes.add(a.path("AttributeName").asText() + ":"
                        + a.path("AttributeType").asText()));
        Set<String> codeAttributes = new TreeSet<>();
        code.attributeDefinitions()
                .forEach(a -> codeAttributes.add(a.attributeName() + ":" + a.attributeTypeAsString()));
        assertEquals(codeAttributes, templateAttributes);
        assertEquals(keys(code.keySchema()), keysOf(table.path("KeySchema")));
        assertEquals(
                code.localSecondaryIndexes().get(0).indexName(),
                table.path("LocalSecondaryIndexes").get(0).path("IndexName").asText());
        assertEquals(
                keys(code.localSecondaryIndexes().get(0).keySchema()),
                keysOf(table.path("LocalSecondaryIndexes").get(0).path("KeySchema")));
        assertEquals(
                code.globalSecondaryIndexes().get(0).indexName(),
                table.path("GlobalSecondaryIndexes").get(0).path("IndexName").asText());
        assertEquals(
                keys(code.globalSecondaryIndexes().get(0).keySchema()),
                keysOf(table.path("GlobalSecondaryIndexes").get(0).path("KeySchema")));
        assertEquals(
                TableDesign.EXPIRES_AT,
                table.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText());
    }

    /**
     * Webhooks: the table streams both images, the dispatcher reads it with bisection, a failure destination
     * and a filter naming exactly the items it maps; deliveries come from a FIFO queue with a dead-letter
     * queue; both dead-letter queues have an alarm.
     */
    @Test
    void webhookStreamQueuesAndAlarmsMatchTheCode() throws IOException {
        JsonNode resources = new ObjectMapper(new YAMLFactory())
                .readTree(Handlers.projectRoot().resolve("template.yaml").toFile())
                .path("Resources");
        assertEquals(
                TableDesign.createTableRequest("t").streamSpecification().streamViewTypeAsString(),
                resources
                        .path("Table")
                        .path("Properties")
                        .path("StreamSpecification")
                        .path("StreamViewType")
                        .asText());
        JsonNode dispatcher = resources.path("WebhookDispatcherFunction").path("Properties");
        assertEquals(
                WebhookDispatcher.class.getName(),
                dispatcher.path("Handler").asText().split("::")[0]);
        JsonNode stream = dispatcher.path("Events").path("TableChanges");
        assertEquals("DynamoDB", stream.path("Type").asText());
        JsonNode p = stream.path("Properties");
        assertEquals("Table.StreamArn", p.path("Stream").asText());
        assertTrue(p.path("BisectBatchOnFunctionError").asBoolean());
        assertEquals(
                "ReportBatchItemFailures",
                p.path("FunctionResponseTypes").get(0).asText());
        String deadLetters = p.path("DestinationConfig")
                .path("OnFailure")
                .path("Destination")
                .asText()
                .split("\\.")[0];
        assertEquals("AWS::SQS::Queue", resources.path(deadLetters).path("Type").asText());
        JsonNode pattern = new ObjectMapper()
                .readTree(p.path("FilterCriteria")
                        .path("Filters")
                        .get(0)
                        .path("Pattern")
                        .asText());
        List<String> filtered = new ArrayList<>();
        pattern.path("dynamodb").path("NewImage").path("type").path("S").forEach(t -> filtered.add(t.asText()));
        assertEquals(EventDispatcher.SOURCE_ITEM_TYPES, filtered);

        JsonNode delivery = resources.path("WebhookDeliveryFunction").path("Properties");
        assertEquals(
                WebhookDelivery.class.getName(),
                delivery.path("Handler").asText().split("::")[0]);
        JsonNode sqs = delivery.path("Events").path("Deliveries");
        assertEquals("SQS", sqs.path("Type").asText());
        assertEquals(
                "ReportBatchItemFailures",
                sqs.path("Properties").path("FunctionResponseTypes").get(0).asText());
        String queue = sqs.path("Properties").path("Queue").asText().split("\\.")[0];
        JsonNode queueProps = resources.path(queue).path("Properties");
        assertTrue(queueProps.path("FifoQueue").asBoolean(), "one call's events in order: a FIFO queue");
        String queueDeadLetters = queueProps
                .path("RedrivePolicy")
                .path("deadLetterTargetArn")
                .asText()
                .split("\\.")[0];
        for (String dlq : List.of(deadLetters, queueDeadLetters)) {
            boolean alarmed = false;
            for (JsonNode r : resources) {
                alarmed |= "AWS::CloudWatch::Alarm".equals(r.path("Type").asText())
                        && "ApproximateNumberOfMessagesVisible"
                                .equals(r.path("Properties").path("MetricName").asText())
                        && r.path("Properties")
                                .path("Dimensions")
                                .path(0)
                                .path("Value")
                                .asText()
                                .startsWith(dlq + ".");
            }
            assertTrue(alarmed, dlq + " has an alarm on its depth");
        }
    }

    private static String keys(List<software.amazon.awssdk.services.dynamodb.model.KeySchemaElement> schema) {
        StringBuilder sb = new StringBuilder();
        schema.forEach(k -> sb.append(k.attributeName())
                .append(':')
                .append(k.keyTypeAsString())
                .append(' '));
        return sb.toString();
    }

    private static String keysOf(JsonNode schema) {
        StringBuilder sb = new StringBuilder();
        schema.forEach(k -> sb.append(k.path("AttributeName").asText())
                .append(':')
                .append(k.path("KeyType").asText())
                .append(' '));
        return sb.toString();
    }
}
