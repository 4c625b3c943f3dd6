package dev.contactcenter.testkit.simulation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.queue.QueueEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a scenario file (JSON, one scenario):
 * <pre>
 * {"name": "...", "seed": 42, "replications": 10, "warmup_seconds": 3600, "horizon_seconds": 86400,
 *  "channel": "voice_call", "chat_concurrency": 1,
 *  "agents": {"constant": 50} | {"schedule": [{"at_seconds": 0, "agents": 50}, ...]},
 *  "arrivals": {"rate_per_second": 0.16, "sinusoid": {"amplitude": 0.4, "period_seconds": 6000}}
 *            | {"schedule": [{"at_seconds": 0, "rate_per_second": 0.1}, ...]},
 *  "service": {"distribution": "exponential" | "lognormal" | "erlang", "mean_seconds": 300, "cv": 1.5},
 *  "patience": {"distribution": "none" | "exponential" | "weibull" | "lognormal", "mean_seconds": 600, "shape": 0.7},
 *  "noise": {"unavailable_agent_fraction": 0.1},
 *  "delivery": {"loss_fraction": 0.01, "loss_by_type": {"contact_assigned": 0.02}, "duplicate_fraction": 0.01,
 *               "delay": {"distribution": "exponential" | "constant", "mean_seconds": 5},
 *               "snapshot_interval_seconds": 300}}
 * </pre>
 * Unknown keys and impossible values are refused with a message naming the key (dotted path).
 */
public final class ScenarioFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A scenario file that cannot be run; the message names the file and the key. */
    public static final class InvalidScenario extends RuntimeException {
        InvalidScenario(String message) {
            super(message);
        }
    }

    private ScenarioFile() {}

    public static Scenario read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new InvalidScenario(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public static Scenario parse(String source, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidScenario(source + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        return new Reader(source).scenario(root);
    }

    /** Walks the tree, naming every value by its dotted path for the error messages. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        private InvalidScenario invalid(String key, String problem) {
            return new InvalidScenario(source + ": '" + key + "' " + problem);
        }

        private JsonNode object(JsonNode node, String key, Set<String> allowed) {
            if (node == null || !node.isObject()) {
                throw invalid(key, "must be an object");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw invalid(
                            join(key, name),
                            "is not a known key (allowed: "
                                    + String.join(
                                            ", ", allowed.stream().sorted().toList()) + ")");
                }
            }
            return node;
        }

        private static String join(String parent, String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }

        private double number(
                JsonNode parent,
                String parentKey,
                String name,
                Double fallback,
                double min,
                boolean minExclusive,
                double max) {
            String key = join(parentKey, name);
            JsonNode v = parent.get(name);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    throw invalid(key, "is required");
                }
                return fallback;
            }
            if (!v.isNumber()) {
                throw invalid(key, "must be a number");
            }
            double d = v.doubleValue();
            if (!Double.isFinite(d) || d < min || (minExclusive && d == min) || d > max) {
                throw invalid(
                        key,
                        "must be " + (minExclusive ? "> " : ">= ") + fmt(min)
                                + (max < Double.MAX_VALUE ? " and <= " + fmt(max) : "") + ", was " + v);
            }
            return d;
        }

        private long integer(JsonNode parent, String parentKey, String name, Long fallback, long min, long max) {
            JsonNode v = parent.get(name);
            if (v != null && !v.isNull() && !v.canConvertToExactIntegral()) {
                throw invalid(join(parentKey, name), "must be an integer");
            }
            return (long)
                    number(parent, parentKey, name, fallback == null ? null : fallback.doubleValue(), min, false, max);
        }

        private String text(JsonNode parent, String parentKey, String name, String fallback, List<String> allowed) {
            String key = join(parentKey, name);
            JsonNode v = parent.get(name);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    throw invalid(key, "is required");
                }
                return fallback;
            }
            if (!v.isTextual() || (allowed != null && !allowed.contains(v.textValue()))) {
                throw invalid(
                        key,
                        "must be " + (allowed == null ? "a string" : "one of " + String.join(", ", allowed)) + ", was "
                                + v);
            }
            return v.textValue();
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }

        Scenario scenario(JsonNode root) {
            object(
                    root,
                    "",
                    Set.of(
                            "name",
                            "seed",
                            "replications",
                            "warmup_seconds",
                            "horizon_seconds",
                            "channel",
                            "chat_concurrency",
                            "agents",
                            "arrivals",
                            "service",
                            "patience",
                            "noise",
                            "delivery"));
            String name = text(root, "", "name", null, null);
            long seed = integer(root, "", "seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
            int replications = (int) integer(root, "", "replications", 1L, 1, 1000);
            double horizon = number(root, "", "horizon_seconds", null, 0, true, 365 * 86_400.0);
            double warmup = number(root, "", "warmup_seconds", 0.0, 0, false, Double.MAX_VALUE);
            if (warmup >= horizon) {
                throw invalid("warmup_seconds", "must be less than horizon_seconds");
            }
            Channel channel = Channel.fromWire(text(root, "", "channel", "voice_call", Channel.WIRE_NAMES))
                    .orElseThrow();
            int concurrency = (int) integer(root, "", "chat_concurrency", 1L, 1, 20);
            if (concurrency > 1 && channel != Channel.CHAT) {
                throw invalid("chat_concurrency", "must be 1 unless channel is chat");
            }
            List<Scenario.Step> staffing = agents(root.get("agents"));
            Scenario.Arrivals arrivals = arrivals(root.get("arrivals"));
            Scenario.Service service = service(root.get("service"));
            Scenario.Patience patience = root.has("patience")
                    ? patience(root.get("patience"))
                    : new Scenario.Patience(Scenario.PatienceDistribution.NONE, 0, 0);
            double unavailable = 0;
            if (root.has("noise")) {
                JsonNode noise = object(root.get("noise"), "noise", Set.of("unavailable_agent_fraction"));
                unavailable = number(noise, "noise", "unavailable_agent_fraction", 0.0, 0, false, 0.9);
            }
            Delivery delivery = root.has("delivery") ? delivery(root.get("delivery")) : Delivery.PERFECT;
            return new Scenario(
                    name,
                    seed,
                    replications,
                    warmup,
                    horizon,
                    channel,
                    concurrency,
                    staffing,
                    arrivals,
                    service,
                    patience,
                    unavailable,
                    delivery);
        }

        private Delivery delivery(JsonNode node) {
            object(
                    node,
                    "delivery",
                    Set.of(
                            "loss_fraction",
                            "loss_by_type",
                            "duplicate_fraction",
                            "delay",
                            "snapshot_interval_seconds"));
            double loss = number(node, "delivery", "loss_fraction", 0.0, 0, false, 1);
            Map<String, Double> byType = new TreeMap<>();
            if (node.has("loss_by_type")) {
                JsonNode types =
                        object(node.get("loss_by_type"), "delivery.loss_by_type", Set.copyOf(QueueEvent.TYPES));
                for (Iterator<String> names = types.fieldNames(); names.hasNext(); ) {
                    String type = names.next();
                    byType.put(type, number(types, "delivery.loss_by_type", type, null, 0, false, 1));
                }
            }
            double duplicates = number(node, "delivery", "duplicate_fraction", 0.0, 0, false, 1);
            Delivery.DelayDistribution delay = Delivery.DelayDistribution.CONSTANT;
            double delayMean = 0;
            if (node.has("delay")) {
                JsonNode d = object(node.get("delay"), "delivery.delay", Set.of("distribution", "mean_seconds"));
                delay = Delivery.DelayDistribution.valueOf(
                        text(d, "delivery.delay", "distribution", "exponential", List.of("exponential", "constant"))
                                .toUpperCase(Locale.ROOT));
                delayMean = number(d, "delivery.delay", "mean_seconds", null, 0, false, 3_600);
            }
            double snapshots = number(node, "delivery", "snapshot_interval_seconds", 0.0, 0, true, 86_400);
            return new Delivery(loss, byType, duplicates, delay, delayMean, snapshots);
        }

        private List<Scenario.Step> agents(JsonNode node) {
            object(node, "agents", Set.of("constant", "schedule"));
            if (node.has("constant") == node.has("schedule")) {
                throw invalid("agents", "must have exactly one of constant, schedule");
            }
            if (node.has("constant")) {
                return List.of(new Scenario.Step(0, integer(node, "agents", "constant", null, 1, 100_000)));
            }
            return schedule(node.get("schedule"), "agents.schedule", "agents");
        }

        private List<Scenario.Step> schedule(JsonNode node, String key, String valueName) {
            if (node == null || !node.isArray() || node.isEmpty()) {
                throw invalid(key, "must be a non-empty array");
            }
            List<Scenario.Step> steps = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String at = key + "[" + i + "]";
                JsonNode step = object(node.get(i), at, Set.of("at_seconds", valueName));
                double atSeconds = number(step, at, "at_seconds", null, 0, false, Double.MAX_VALUE);
                if (i == 0 && atSeconds != 0) {
                    throw invalid(at + ".at_seconds", "must be 0 for the first step");
                }
                if (i > 0 && atSeconds <= steps.get(i - 1).atSeconds()) {
                    throw invalid(at + ".at_seconds", "must be greater than the previous step's");
                }
                double value = valueName.equals("agents")
                        ? integer(step, at, valueName, null, 0, 100_000)
                        : number(step, at, valueName, null, 0, false, 1_000);
                steps.add(new Scenario.Step(atSeconds, value));
            }
            return List.copyOf(steps);
        }

        private Scenario.Arrivals arrivals(JsonNode node) {
            object(node, "arrivals", Set.of("rate_per_second", "sinusoid", "schedule"));
            if (node.has("rate_per_second") == node.has("schedule")) {
                throw invalid("arrivals", "must have exactly one of rate_per_second, schedule");
            }
            List<Scenario.Step> schedule = node.has("schedule")
                    ? schedule(node.get("schedule"), "arrivals.schedule", "rate_per_second")
                    : List.of(new Scenario.Step(0, number(node, "arrivals", "rate_per_second", null, 0, true, 1_000)));
            if (!node.has("sinusoid")) {
                return new Scenario.Arrivals(schedule, 0, 1);
            }
            JsonNode sin = object(node.get("sinusoid"), "arrivals.sinusoid", Set.of("amplitude", "period_seconds"));
            return new Scenario.Arrivals(
                    schedule,
                    number(sin, "arrivals.sinusoid", "amplitude", null, 0, false, 0.99),
                    number(sin, "arrivals.sinusoid", "period_seconds", null, 0, true, Double.MAX_VALUE));
        }

        private Scenario.Service service(JsonNode node) {
            object(node, "service", Set.of("distribution", "mean_seconds", "cv"));
            Scenario.ServiceDistribution d = Scenario.ServiceDistribution.valueOf(
                    text(node, "service", "distribution", null, List.of("exponential", "lognormal", "erlang"))
                            .toUpperCase(Locale.ROOT));
            double mean = number(node, "service", "mean_seconds", null, 0, true, 86_400);
            double cv = number(
                    node, "service", "cv", d == Scenario.ServiceDistribution.EXPONENTIAL ? 1.0 : null, 0, true, 10);
            if (d == Scenario.ServiceDistribution.EXPONENTIAL && cv != 1) {
                throw invalid("service.cv", "must be 1 (or absent) for exponential service");
            }
            if (d == Scenario.ServiceDistribution.ERLANG
                    && (cv > 1 || Math.abs(1 / (cv * cv) - Math.rint(1 / (cv * cv))) > 1e-6)) {
                throw invalid(
                        "service.cv",
                        "must be 1 / sqrt(k) for a whole number of phases k (1, 0.7071, 0.5774, 0.5, ...)");
            }
            return new Scenario.Service(d, mean, cv);
        }

        private Scenario.Patience patience(JsonNode node) {
            object(node, "patience", Set.of("distribution", "mean_seconds", "shape"));
            Scenario.PatienceDistribution d = Scenario.PatienceDistribution.valueOf(
                    text(node, "patience", "distribution", null, List.of("none", "exponential", "weibull", "lognormal"))
                            .toUpperCase(Locale.ROOT));
            if (d == Scenario.PatienceDistribution.NONE) {
                object(node, "patience", Set.of("distribution"));
                return new Scenario.Patience(d, 0, 0);
            }
            double mean = number(node, "patience", "mean_seconds", null, 0, true, Double.MAX_VALUE);
            boolean shaped = d != Scenario.PatienceDistribution.EXPONENTIAL;
            if (!shaped && node.has("shape")) {
                throw invalid("patience.shape", "applies to weibull and lognormal patience only");
            }
            double shape = shaped ? number(node, "patience", "shape", null, 0, true, 20) : 1;
            return new Scenario.Patience(d, mean, shape);
        }
    }
}
