package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.contactcenter.core.Json;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * infra/openapi.yaml is the published contract: it names exactly the template's routes, and what the
 * handlers answer (the sample events, and refusals without credentials) matches its schemas.
 */
class OpenApiContractTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete", "options", "head");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode spec = readSpec();
    private final Map<JsonNode, Schema> compiled = new HashMap<>();

    static JsonNode readSpec() {
        try {
            return new ObjectMapper(new YAMLFactory())
                    .readTree(
                            Handlers.projectRoot().resolve("infra/openapi.yaml").toFile());
        } catch (IOException e) {
            throw new AssertionError("infra/openapi.yaml is not readable YAML", e);
        }
    }

    @Test
    void specNamesExactlyTheTemplateRoutes() {
        Set<String> inTemplate = new TreeSet<>();
        TemplateRoutes.readDefault().routes().forEach(r -> inTemplate.add(r.method() + " " + r.path()));
        Set<String> inSpec = new TreeSet<>();
        spec.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        inSpec.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        Set<String> missing = new TreeSet<>(inTemplate);
        missing.removeAll(inSpec);
        Set<String> extra = new TreeSet<>(inSpec);
        extra.removeAll(inTemplate);
        assertTrue(missing.isEmpty(), "template routes missing from infra/openapi.yaml: " + missing);
        assertTrue(extra.isEmpty(), "infra/openapi.yaml operations that template.yaml does not deploy: " + extra);
    }

    @Test
    void bothSecuritySchemesAreDeclaredAndWaitTimesAcceptsEither() {
        JsonNode schemes = spec.path("components").path("securitySchemes");
        assertEquals("basic", schemes.path("basicAuth").path("scheme").asText());
        assertEquals(
                "X-Publishable-Key", schemes.path("publishableKey").path("name").asText());
        assertEquals(
                2, operation("GET", "/apps/api/v1/wait_times").path("security").size());
    }

    /**
     * Every request body is read by a strict parser (an unknown member is a 422 naming it), and every answer, 2xx or
     * problem document, is written member by member: so each object is closed, with its members listed. A schema left
     * open (a map of custom attributes, a key file as its issuer writes it) says why in its description.
     */
    @Test
    void noSchemaIsFreeFormWhereTheServerIsStrict() {
        List<String> open = new ArrayList<>();
        eachOperation((name, op) -> {
            op.path("requestBody")
                    .path("content")
                    .fields()
                    .forEachRemaining(c ->
                            walk(c.getValue().path("schema"), name + " request " + c.getKey(), open, new HashSet<>()));
            op.path("responses")
                    .fields()
                    .forEachRemaining(r -> resolve(r.getValue())
                            .path("content")
                            .fields()
                            .forEachRemaining(c -> walk(
                                    c.getValue().path("schema"),
                                    name + " " + r.getKey() + " " + c.getKey(),
                                    open,
                                    new HashSet<>())));
        });
        assertTrue(open.isEmpty(), "free-form schemas:\n" + String.join("\n", open));
    }

    /**
     * Each operation shows a realistic exchange: each of its parameters, its request body (when it has one) and its
     * success answer (when it has a body) carry an example, and every example in the spec matches its own schema.
     */
    @Test
    void everyOperationHasExamplesThatMatchTheirSchemas() {
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        eachOperation((name, op) -> {
            op.path("requestBody")
                    .path("content")
                    .fields()
                    .forEachRemaining(
                            c -> checkExample(name + " request " + c.getKey(), c.getValue(), missing, invalid));
            op.path("responses")
                    .fields()
                    .forEachRemaining(r -> resolve(r.getValue())
                            .path("content")
                            .fields()
                            .forEachRemaining(c -> {
                                String where = name + " " + r.getKey() + " " + c.getKey();
                                if (r.getKey().startsWith("2")) {
                                    checkExample(where, c.getValue(), missing, invalid);
                                } else if (c.getValue().has("example")) {
                                    checkExample(where, c.getValue(), missing, invalid);
                                }
                            }));
        });
        eachOperation((name, op) -> op.path("parameters").forEach(p -> {
            JsonNode parameter = resolve(p);
            checkExample(name + " parameter " + parameter.path("name").asText(), parameter, missing, invalid);
        }));
        assertTrue(missing.isEmpty(), "operations without an example:\n" + String.join("\n", missing));
        assertTrue(invalid.isEmpty(), "examples that do not match their schema:\n" + String.join("\n", invalid));
    }

    private void checkExample(String where, JsonNode media, List<String> missing, List<String> invalid) {
        JsonNode example = media.has("example")
                ? media.path("example")
                : media.path("examples").isEmpty()
                        ? null
                        : media.path("examples").elements().next().path("value");
        if (example == null) {
            missing.add(where);
            return;
        }
        List<Error> errors = validator(media.path("schema")).validate(Json.write(example), InputFormat.JSON);
        if (!errors.isEmpty()) {
            invalid.add(where + ": " + errors);
        }
    }

    private void eachOperation(java.util.function.BiConsumer<String, JsonNode> visit) {
        spec.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey())) {
                        visit.accept(op.getValue().path("operationId").asText(), op.getValue());
                    }
                }));
    }

    private void walk(JsonNode schema, String where, List<String> open, Set<String> seen) {
        if (!schema.isObject()) {
            return;
        }
        String ref = schema.path("$ref").asText(null);
        if (ref != null) {
            if (seen.add(ref)) {
                walk(resolve(schema), where + " (" + ref.substring(ref.lastIndexOf('/') + 1) + ")", open, seen);
            }
            return;
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            schema.path(combinator).forEach(s -> walk(s, where, open, seen));
        }
        walk(schema.path("items"), where + "[]", open, seen);
        JsonNode type = schema.path("type");
        boolean object = type.asText().equals("object")
                || (type.isArray() && type.toString().contains("\"object\""))
                || schema.has("properties");
        if (!object) {
            return;
        }
        if (!schema.has("properties")) {
            open.add(where + ": an object without properties");
            return;
        }
        JsonNode additional = schema.path("additionalProperties");
        boolean refused = additional.isBoolean() && !additional.asBoolean();
        if (!refused && schema.path("description").asText().isBlank()) {
            open.add(where + ": additionalProperties is not false and no description says why");
        }
        schema.path("properties")
                .fields()
                .forEachRemaining(p -> walk(p.getValue(), where + "." + p.getKey(), open, seen));
    }

    @TestFactory
    Stream<DynamicTest> everySampleRequestAndResponseMatchesItsOperation() throws IOException {
        SampleReplay replay = new SampleReplay();
        return replay.files().stream()
                .filter(f -> !notARequest(f))
                .map(file ->
                        DynamicTest.dynamicTest(replay.events.relativize(file).toString(), () -> {
                            SampleReplay.Replayed r = replay.replay(file);
                            JsonNode operation =
                                    operation(r.route().method(), r.route().path());
                            JsonNode requestSchema = operation
                                    .path("requestBody")
                                    .path("content")
                                    .path("application/json")
                                    .path("schema");
                            if (!requestSchema.isMissingNode()) {
                                assertValid(requestSchema, r.request().getBody(), file + " request body");
                            }
                            assertDocumented(operation, r.response(), file.toString());
                        }));
    }

    /** The refusal every route gives a request with no authorizer context is a documented problem document. */
    @TestFactory
    Stream<DynamicTest> everyRouteRefusesWithoutCredentialsAsDocumented() throws IOException {
        SampleReplay replay = new SampleReplay();
        Handlers handlers = new Handlers(LocalDynamo.freshBackend());
        return replay.files().stream()
                .filter(f -> !notARequest(f))
                .map(file ->
                        DynamicTest.dynamicTest(replay.events.relativize(file).toString(), () -> {
                            var event = com.amazonaws.services.lambda.runtime.tests.EventLoader.loadApiGatewayRestEvent(
                                    file.toString());
                            event.getRequestContext().setAuthorizer(null);
                            TemplateRoutes.Route route = replay.template.routes().stream()
                                    .filter(rt -> rt.method().equals(event.getHttpMethod())
                                            && rt.path().equals(event.getResource()))
                                    .findFirst()
                                    .orElseThrow();
                            APIGatewayProxyResponseEvent response = (APIGatewayProxyResponseEvent)
                                    handlers.forClass(route.handlerClass()).handleRequest(event, null);
                            assertDocumented(
                                    operation(route.method(), route.path()), response, file + " without credentials");
                        }));
    }

    /** Requests only: authorizer samples and stream or queue records are replayed elsewhere. */
    private static boolean notARequest(Path file) {
        try {
            return SampleReplay.isAuthorizerSample(file) || SampleReplay.isRecordsSample(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode operation(String method, String path) {
        JsonNode operation = spec.path("paths").path(path).path(method.toLowerCase());
        assertFalse(operation.isMissingNode(), method + " " + path + " is not in infra/openapi.yaml");
        return operation;
    }

    private void assertDocumented(JsonNode operation, APIGatewayProxyResponseEvent response, String what) {
        String status = Integer.toString(response.getStatusCode());
        JsonNode documented = resolve(operation.path("responses").path(status));
        if (documented.isMissingNode()) {
            fail(what + " answered " + status + ", which "
                    + operation.path("operationId").asText() + " does not document: " + response.getBody());
        }
        String body = response.getBody();
        if (body == null || body.isEmpty()) {
            assertTrue(
                    documented.path("content").isMissingNode()
                            || documented.path("content").isEmpty(),
                    what + ": " + status + " is documented with a body but none came");
            return;
        }
        String contentType = header(response, "Content-Type").split(";")[0].trim();
        JsonNode schema = documented.path("content").path(contentType).path("schema");
        assertFalse(schema.isMissingNode(), what + ": " + status + " " + contentType + " is not documented");
        assertValid(schema, body, what + " -> " + status);
    }

    private void assertValid(JsonNode schema, String json, String what) {
        List<Error> errors = validator(schema).validate(json == null ? "null" : json, InputFormat.JSON);
        assertTrue(errors.isEmpty(), what + " does not match infra/openapi.yaml: " + errors + "\n" + json);
    }

    private Schema validator(JsonNode schema) {
        return compiled.computeIfAbsent(schema, s -> {
            // the operation's schema with the spec's components beside it, so "#/components/..." resolves
            ObjectNode root = s.deepCopy();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", spec.path("components"));
            return SCHEMAS.getSchema(Json.write(root), InputFormat.JSON);
        });
    }

    /** A {@code $ref} into components/responses, or the node itself. */
    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        JsonNode target = spec;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static String header(APIGatewayProxyResponseEvent response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
    }
}
