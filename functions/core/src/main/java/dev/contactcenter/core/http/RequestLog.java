package dev.contactcenter.core.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;

import java.io.PrintStream;

/**
 * One structured JSON line per request. It carries route, tenant, status, latency and request id only:
 * never headers, bodies or query values, so no secret or phone number can reach the logs through it.
 */
public interface RequestLog {
    /** Standard output as it is when a line is written (Lambda sends it to CloudWatch Logs). */
    RequestLog STDOUT = new JsonLines(() -> System.out);

    void record(ApiRequest request, int status, double latencyMs);

    void failure(ApiRequest request, Throwable error);

    final class JsonLines implements RequestLog {
        private final java.util.function.Supplier<PrintStream> out;

        public JsonLines(PrintStream out) {
            this(() -> out);
        }

        JsonLines(java.util.function.Supplier<PrintStream> out) {
            this.out = out;
        }

        @Override
        public void record(ApiRequest request, int status, double latencyMs) {
            ObjectNode line = base(request);
            line.put("status", status);
            line.put("latency_ms", Math.round(latencyMs * 100) / 100.0);
            out.get().println(Json.write(line));
        }

        @Override
        public void failure(ApiRequest request, Throwable error) {
            ObjectNode line = base(request);
            line.put("level", "ERROR");
            // the class and the first frame locate the fault without echoing request data
            line.put("error", error.getClass().getName());
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                line.put("at", trace[0].toString());
            }
            out.get().println(Json.write(line));
        }

        private static ObjectNode base(ApiRequest request) {
            ObjectNode line = Json.object();
            line.put("route", request.method() + " " + request.resource());
            line.put("tenant", request.tenantIdIfAny().orElse(null));
            line.put("request_id", request.requestId());
            return line;
        }
    }
}
