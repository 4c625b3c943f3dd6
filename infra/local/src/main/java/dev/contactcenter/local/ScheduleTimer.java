package dev.contactcenter.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.contactcenter.core.store.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The template's scheduled functions (EventBridge rules with {@code rate(...)}), run on a timer of the runtime's
 * own: the same handler classes, built with the local table, invoked with an event like a scheduled rule's. A
 * failed run is reported and the next one tries again, as on AWS.
 */
final class ScheduleTimer implements AutoCloseable {
    /** A scheduled function: its logical id, handler class and period. */
    record Job(String functionId, String handlerClass, Duration period) {}

    private final ScheduledExecutorService timer;
    private final List<Job> jobs;

    ScheduleTimer(List<Job> jobs, Backend backend, Duration periodOverride) {
        this.jobs = List.copyOf(jobs);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-api-schedules");
            t.setDaemon(true);
            return t;
        });
        for (Job job : this.jobs) {
            RequestHandler<Object, Object> handler = RouteTable.instantiate(
                    job.functionId(), job.handlerClass(), new Class<?>[] {Backend.class}, backend);
            long millis = (periodOverride != null ? periodOverride : job.period()).toMillis();
            Map<String, Object> event = Map.of(
                    "source",
                    "aws.events",
                    "detail-type",
                    "Scheduled Event",
                    "resources",
                    List.of("local:" + job.functionId()));
            // the first run at start: calls that fell due while the runtime was stopped are queued at once
            timer.scheduleAtFixedRate(() -> run(job, handler, event), 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    List<Job> jobs() {
        return jobs;
    }

    private static void run(Job job, RequestHandler<Object, Object> handler, Map<String, Object> event) {
        try {
            Object result = handler.handleRequest(event, null);
            if (result instanceof Map<?, ?> m && m.values().stream().anyMatch(v -> v instanceof Integer i && i > 0)) {
                System.out.println(job.functionId() + ": " + result);
            }
        } catch (RuntimeException e) {
            System.err.println(job.functionId() + " failed: " + e);
        }
    }

    /** {@code rate(N unit)} as a duration; other expressions (cron) are not run locally. */
    static Duration rate(String expression) {
        var m = java.util.regex.Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)")
                .matcher(expression);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Jobs from a parsed template. */
    static List<Job> fromTemplate(com.fasterxml.jackson.databind.JsonNode template) {
        List<Job> jobs = new ArrayList<>();
        template.path("Resources")
                .fields()
                .forEachRemaining(resource -> resource.getValue()
                        .path("Properties")
                        .path("Events")
                        .forEach(event -> {
                            Duration period =
                                    "Schedule".equals(event.path("Type").asText())
                                            ? rate(event.path("Properties")
                                                    .path("Schedule")
                                                    .asText())
                                            : null;
                            if (period != null) {
                                String handler = resource.getValue()
                                        .path("Properties")
                                        .path("Handler")
                                        .asText();
                                jobs.add(new Job(resource.getKey(), handler.replace("::handleRequest", ""), period));
                            }
                        }));
        return jobs;
    }

    @Override
    public void close() {
        // no further runs; a run under way finishes (its writes are transactions: it never half-applies)
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
