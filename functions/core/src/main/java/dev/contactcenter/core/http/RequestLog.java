package dev.contactcenter.core.http;

import dev.contactcenter.core.JsonText;
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
            StringBuilder line = base(request);
            JsonText.field(line, "status", false).append(status);
            JsonText.field(line, "latency_ms", false).append(Math.round(latencyMs * 100) / 100.0);
            out.get().println(line.append('}'));
        }

        @Override
        public void failure(ApiRequest request, Throwable error) {
            StringBuilder line = base(request);
            JsonText.string(JsonText.field(line, "level", false), "ERROR");
            // the class and the first frame locate the fault without echoing request data
            JsonText.string(
                    JsonText.field(line, "error", false), error.getClass().getName());
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                JsonText.string(JsonText.field(line, "at", false), trace[0].toString());
            }
            out.get().println(line.append('}'));
        }

        /** Appended as text (see {@link JsonText}): every request writes one line. */
        private static StringBuilder base(ApiRequest request) {
            StringBuilder line = new StringBuilder(160).append('{');
            JsonText.string(JsonText.field(line, "route", true), request.method() + " " + request.resource());
            JsonText.string(
                    JsonText.field(line, "tenant", false),
                    request.tenantIdIfAny().orElse(null));
            JsonText.string(JsonText.field(line, "request_id", false), request.requestId());
            return line;
        }
    }
}
