package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contactcenter.core.http.AuthContext;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What ops rely on in production, read from template.yaml (the YAML reader drops the short-form tags, so
 * {@code !Ref X} reads as "X", {@code !If [c, a, b]} as [c, a, b], {@code !Sub [text, vars]} as [text, vars]).
 */
class ProductionTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAIT_TIMES = "/apps/api/v1/wait_times";
    private static final String QUEUE_EVENTS = "/apps/api/v1/queue_events";

    private final JsonNode template = read();
    private final JsonNode resources = template.path("Resources");

    @Test
    void accessLogsAreOneJsonLinePerRequestWithTheAuditTrailsFields() throws IOException {
        JsonNode setting = api().path("Properties").path("AccessLogSetting");
        String format = setting.path("Format").asText();
        assertFalse(format.contains("\n"), "one line per request: " + format);
        JsonNode fields = JSON.readTree(format);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("requestId", "$context.requestId");
        expected.put("tenantId", "$context.authorizer." + AuthContext.TENANT_ID);
        expected.put("route", "$context.resourcePath");
        expected.put("httpMethod", "$context.httpMethod");
        expected.put("status", "$context.status");
        expected.put("latency", "$context.responseLatency");
        expected.put("integrationError", "$context.integration.error");
        expected.put("authorizerError", "$context.authorizer.error");
        expected.put("errorType", "$context.error.responseType");
        expected.forEach(
                (field, variable) -> assertEquals(variable, fields.path(field).asText(), field));
        // API Gateway writes "-" for a value it does not have (no tenant before the authorizer ran): quoted, still JSON
        fields.fields()
                .forEachRemaining(f -> assertTrue(f.getValue().isTextual(), f.getKey() + " must be a quoted string"));

        String destination = setting.path("DestinationArn").asText();
        assertTrue(destination.endsWith("log-group:${ApiAccessLogGroup}"), destination);
        JsonNode group = resources.path("ApiAccessLogGroup").path("Properties");
        assertEquals("AccessLogRetentionDays", group.path("RetentionInDays").asText());
        assertEquals("OperationsKey.Arn", group.path("KmsKeyId").asText());
        assertEquals(
                "ApiGatewayAccount", api().path("DependsOn").asText(), "the account's logging role must exist first");

        // every metric filter reads fields the format writes
        Pattern field = Pattern.compile("\\$\\.(\\w+)");
        int filters = 0;
        for (Map.Entry<String, JsonNode> filter :
                ofType("AWS::Logs::MetricFilter").entrySet()) {
            assertEquals(
                    "ApiAccessLogGroup",
                    filter.getValue().path("Properties").path("LogGroupName").asText());
            Matcher m = field.matcher(
                    filter.getValue().path("Properties").path("FilterPattern").asText());
            while (m.find()) {
                assertTrue(
                        fields.has(m.group(1)), filter.getKey() + " reads " + m.group(1) + ", not in the access log");
                filters++;
            }
        }
        assertTrue(filters > 0);
    }

    @Test
    void everyFunctionHasAConcurrencyCeilingAndTheAuthorizerItsOwn() {
        JsonNode global = template.path("Globals").path("Function").path("ReservedConcurrentExecutions");
        assertEquals(
                List.of("ReserveFunctionConcurrency", "FunctionReservedConcurrency", "AWS::NoValue"), texts(global));
        String authorizer = TemplateRoutes.readDefault().authorizer().functionId();
        for (Map.Entry<String, JsonNode> function :
                ofType("AWS::Serverless::Function").entrySet()) {
            JsonNode own = function.getValue().path("Properties").path("ReservedConcurrentExecutions");
            if (function.getKey().equals(authorizer)) {
                assertEquals(
                        List.of("ReserveAuthorizerConcurrency", "AuthorizerReservedConcurrency", "AWS::NoValue"),
                        texts(own));
            } else {
                assertTrue(own.isMissingNode(), function.getKey() + " overrides the shared ceiling");
            }
        }
        int functions = ofType("AWS::Serverless::Function").size();
        int routeFunctions = parameterDefault("FunctionReservedConcurrency");
        int authorizerReserved = parameterDefault("AuthorizerReservedConcurrency");
        assertTrue(routeFunctions > 0 && authorizerReserved > 0, "reserved by default");
        // Lambda keeps 100 of an account's default 1,000 unreserved
        assertTrue(
                (functions - 1) * routeFunctions + authorizerReserved <= 900,
                "the defaults must fit an account with the default concurrency quota");
        assertEquals(
                List.of("FunctionReservedConcurrency", "0"),
                texts(template.path("Conditions")
                        .path("ReserveFunctionConcurrency")
                        .get(0)));
    }

    @Test
    void alarmsWatch5xxRateThrottlesWaitTimesLatencyAndAuthorizerErrorsAndNotifyTheTopic() {
        Map<String, JsonNode> alarms = ofType("AWS::CloudWatch::Alarm");
        String apiName = api().path("Properties").path("Name").asText();
        for (Map.Entry<String, JsonNode> alarm : alarms.entrySet()) {
            JsonNode props = alarm.getValue().path("Properties");
            assertEquals(
                    List.of("CreateAlarmTopic", "AlarmTopic", "AlarmTopicArn"),
                    texts(props.path("AlarmActions").get(0)),
                    alarm.getKey() + " must notify the alarm topic");
            assertEquals("notBreaching", props.path("TreatMissingData").asText(), alarm.getKey());
        }
        assertEquals(
                new TreeSet<>(List.of(
                        "ServerErrorRateAlarm",
                        "FunctionThrottlesAlarm",
                        "WebhookFunctionThrottlesAlarm",
                        "WaitTimesLatencyAlarm",
                        "AuthorizerErrorsAlarm",
                        "WebhookDispatchDeadLettersAlarm",
                        "WebhookDeliveryDeadLettersAlarm")),
                new TreeSet<>(alarms.keySet()));

        JsonNode serverErrors = alarms.get("ServerErrorRateAlarm").path("Properties");
        assertEquals(Set.of("Count", "5XXError"), metricNames(serverErrors));
        assertEquals("ServerErrorRatePercent", serverErrors.path("Threshold").asText());
        serverErrors.path("Metrics").forEach(m -> {
            if (m.has("MetricStat")) {
                assertEquals(apiName, dimension(m.path("MetricStat").path("Metric"), "ApiName"));
            }
        });

        // the throttles alarms together cover every function of the template, the authorizer included; an alarm
        // takes at most 10 metrics
        Set<String> throttled = new TreeSet<>();
        for (String throttles : List.of("FunctionThrottlesAlarm", "WebhookFunctionThrottlesAlarm")) {
            List<String> functions = new ArrayList<>();
            alarms.get(throttles).path("Properties").path("Metrics").forEach(m -> {
                if (m.has("MetricStat")) {
                    assertEquals(
                            "Throttles",
                            m.path("MetricStat")
                                    .path("Metric")
                                    .path("MetricName")
                                    .asText());
                    functions.add(dimension(m.path("MetricStat").path("Metric"), "FunctionName"));
                }
            });
            assertTrue(functions.size() <= 10, throttles + " has " + functions.size() + " metrics");
            functions.forEach(f -> assertTrue(throttled.add(f), f + " is in two throttles alarms"));
        }
        assertEquals(new TreeSet<>(ofType("AWS::Serverless::Function").keySet()), throttled);

        JsonNode latency = alarms.get("WaitTimesLatencyAlarm").path("Properties");
        assertEquals("Latency", latency.path("MetricName").asText());
        assertEquals("p99", latency.path("ExtendedStatistic").asText());
        assertEquals(WAIT_TIMES, dimension(latency, "Resource"));
        assertEquals("GET", dimension(latency, "Method"));
        assertEquals(apiName, dimension(latency, "ApiName"));
        boolean perMethodMetrics = false;
        for (JsonNode setting : api().path("Properties").path("MethodSettings")) {
            perMethodMetrics |= setting.path("ResourcePath").asText().equals("/" + WAIT_TIMES.replace("/", "~1"))
                    && setting.path("HttpMethod").asText().equals("GET")
                    && setting.path("MetricsEnabled").asBoolean();
        }
        assertTrue(perMethodMetrics, "per-method metrics must be enabled for GET " + WAIT_TIMES);

        JsonNode authorizer = alarms.get("AuthorizerErrorsAlarm").path("Properties");
        JsonNode filter = resources.path("AuthorizerFailuresMetricFilter").path("Properties");
        JsonNode transformation = filter.path("MetricTransformations").get(0);
        assertEquals(
                transformation.path("MetricName").asText(),
                authorizer.path("MetricName").asText());
        assertEquals(
                transformation.path("MetricNamespace").asText(),
                authorizer.path("Namespace").asText());
        assertTrue(filter.path("FilterPattern").asText().contains("AUTHORIZER_FAILURE"));

        JsonNode topic = resources.path("AlarmTopic");
        assertEquals("CreateAlarmTopic", topic.path("Condition").asText());
        assertEquals(
                "OperationsKey", topic.path("Properties").path("KmsMasterKeyId").asText());
        assertEquals(
                "",
                template.path("Parameters")
                        .path("AlarmTopicArn")
                        .path("Default")
                        .asText());
    }

    @Test
    void theDashboardShowsEveryAlarmsFigureAndTheQueueEventsIntake() throws IOException {
        JsonNode sub = resources.path("Dashboard").path("Properties").path("DashboardBody");
        // ${...} are substituted by CloudFormation; numbers in annotations become 0 for parsing
        JsonNode body = JSON.readTree(
                sub.get(0).asText().replaceAll("\\$\\{(ServerErrorRatePercent|WaitTimesP99LatencyMs)}", "0"));
        List<String> metricLines = new ArrayList<>();
        Set<String> alarmsShown = new TreeSet<>();
        for (JsonNode widget : body.path("widgets")) {
            widget.path("properties").path("metrics").forEach(line -> metricLines.add(line.toString()));
            widget.path("properties").path("alarms").forEach(a -> alarmsShown.add(a.asText()));
        }
        String all = String.join("\n", metricLines);
        for (String figure : List.of(
                "\"5XXError\"",
                "\"Throttles\"",
                "\"AuthorizerErrors\"",
                "\"ThrottledRequests\"",
                "\"" + WAIT_TIMES + "\"",
                "\"" + QUEUE_EVENTS + "\"",
                "\"p99\"")) {
            assertTrue(all.contains(figure), "the dashboard lacks " + figure);
        }
        Set<String> alarms = new TreeSet<>();
        ofType("AWS::CloudWatch::Alarm").keySet().forEach(a -> alarms.add("${" + a + ".Arn}"));
        assertEquals(alarms, alarmsShown);
        for (String function : ofType("AWS::Serverless::Function").keySet()) {
            assertTrue(all.contains("${" + function + "}"), "the throttles widget lacks " + function);
        }
    }

    /**
     * checkov could not be installed here (not in the local package mirror), so its checks for the resource types
     * this template has are restated from its source (checkov/cloudformation/checks/resource/aws, release of
     * 2026-08): each either passes or is skipped on that resource with a reason, and no skip hides a passing check.
     */
    @Test
    void checkovsChecksPassOrAreSkippedWithAReason() {
        record Check(String id, String type, Predicate<JsonNode> passes) {}
        List<Check> checks = List.of(
                new Check(
                        "CKV_AWS_76",
                        "AWS::Serverless::Api",
                        p -> p.path("AccessLogSetting").has("DestinationArn")),
                new Check(
                        "CKV_AWS_73",
                        "AWS::Serverless::Api",
                        p -> p.path("TracingEnabled").asBoolean()),
                new Check(
                        "CKV_AWS_120",
                        "AWS::Serverless::Api",
                        p -> p.path("CacheClusterEnabled").asBoolean()),
                new Check("CKV_AWS_115", "AWS::Serverless::Function", p -> p.has("ReservedConcurrentExecutions")),
                new Check(
                        "CKV_AWS_116",
                        "AWS::Serverless::Function",
                        p -> p.path("DeadLetterQueue").has("TargetArn")),
                new Check("CKV_AWS_117", "AWS::Serverless::Function", p -> p.has("VpcConfig")),
                new Check(
                        "CKV_AWS_173",
                        "AWS::Serverless::Function",
                        p -> p.path("Environment").path("Variables").isEmpty() || p.has("KmsKeyArn")),
                new Check("CKV_AWS_66", "AWS::Logs::LogGroup", p -> p.has("RetentionInDays")),
                new Check("CKV_AWS_158", "AWS::Logs::LogGroup", p -> p.has("KmsKeyId")),
                new Check(
                        "CKV_AWS_28",
                        "AWS::DynamoDB::Table",
                        p -> p.path("PointInTimeRecoverySpecification")
                                .path("PointInTimeRecoveryEnabled")
                                .asBoolean()),
                new Check(
                        "CKV_AWS_119",
                        "AWS::DynamoDB::Table",
                        p -> p.path("SSESpecification").has("KMSMasterKeyId")),
                new Check(
                        "CKV_AWS_7",
                        "AWS::KMS::Key",
                        p -> p.path("EnableKeyRotation").asBoolean()),
                new Check(
                        "CKV_AWS_33",
                        "AWS::KMS::Key",
                        p -> !p.path("KeyPolicy").toString().contains("\"AWS\":\"*\"")),
                new Check("CKV_AWS_26", "AWS::SNS::Topic", p -> p.has("KmsMasterKeyId")));
        List<String> failures = new ArrayList<>();
        Iterable<Map.Entry<String, JsonNode>> all = resources::fields;
        for (Map.Entry<String, JsonNode> resource : all) {
            String type = resource.getValue().path("Type").asText();
            JsonNode properties = withGlobals(type, resource.getValue().path("Properties"));
            Map<String, String> skips = new LinkedHashMap<>();
            resource.getValue()
                    .path("Metadata")
                    .path("checkov")
                    .path("skip")
                    .forEach(s ->
                            skips.put(s.path("id").asText(), s.path("comment").asText()));
            for (Check check : checks) {
                if (!check.type().equals(type)) {
                    continue;
                }
                boolean passes = check.passes().test(properties);
                String skip = skips.remove(check.id());
                if (passes && skip != null) {
                    failures.add(resource.getKey() + " skips " + check.id() + ", which it passes");
                } else if (!passes && (skip == null || skip.isBlank())) {
                    failures.add(resource.getKey() + " fails " + check.id() + " without a skip giving the reason");
                }
            }
            skips.keySet()
                    .forEach(id -> failures.add(resource.getKey() + " skips " + id + ", not a check for " + type));
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /** checkov, like SAM, applies the Globals section to each serverless function before its checks. */
    private JsonNode withGlobals(String type, JsonNode properties) {
        if (!type.equals("AWS::Serverless::Function")) {
            return properties;
        }
        ObjectNode merged = template.path("Globals").path("Function").deepCopy();
        properties.fields().forEachRemaining(p -> merged.set(p.getKey(), p.getValue()));
        return merged;
    }

    private JsonNode api() {
        Map<String, JsonNode> apis = ofType("AWS::Serverless::Api");
        assertEquals(1, apis.size());
        return apis.values().iterator().next();
    }

    private Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources.fields().forEachRemaining(r -> {
            if (type.equals(r.getValue().path("Type").asText())) {
                found.put(r.getKey(), r.getValue());
            }
        });
        return found;
    }

    private int parameterDefault(String name) {
        JsonNode parameter = template.path("Parameters").path(name);
        assertEquals(0, parameter.path("MinValue").asInt(-1), name + ": 0 turns it off");
        return parameter.path("Default").asInt();
    }

    private static Set<String> metricNames(JsonNode alarm) {
        Set<String> names = new TreeSet<>();
        alarm.path("Metrics").forEach(m -> {
            if (m.has("MetricStat")) {
                names.add(m.path("MetricStat").path("Metric").path("MetricName").asText());
            }
        });
        return names;
    }

    private static String dimension(JsonNode metric, String name) {
        for (JsonNode d : metric.path("Dimensions")) {
            if (name.equals(d.path("Name").asText())) {
                return d.path("Value").asText();
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory())
                    .readTree(TemplateRoutes.templatePath().toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
