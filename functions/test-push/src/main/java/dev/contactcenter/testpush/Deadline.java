package dev.contactcenter.testpush;

import dev.contactcenter.core.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One test push's time budget over several HTTP calls (token grant, send, a retry); past it: 502. The calls go
 * through {@link HttpURLConnection}, which the AWS SDK's URLConnection client has loaded already: the JDK's
 * {@code java.net.http} client cost a cold test push a fifth of its first request (its classes and its selector
 * thread), measured by sampling cold starts.
 */
final class Deadline {
    /** A provider's answer: its status and body (an error body included). */
    record Response(int statusCode, String body) {}

    private final long endNanos;
    private final Duration budget;

    Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    /** What is left of the budget, at least a millisecond. */
    private int remainingMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (endNanos - System.nanoTime()) / 1_000_000));
    }

    /** POSTs {@code body}; the response, or a 502 naming what could not be reached and why. */
    Response post(URI uri, Map<String, String> headers, String body, String what) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(remainingMillis());
            connection.setReadTimeout(remainingMillis());
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            headers.forEach(connection::setRequestProperty);
            // buffered, not streamed: a streamed request's 401 comes back without its body, which names the reason
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            throw unreachable(what, uri, "no answer within " + budget.toMillis() + " ms");
        } catch (IOException e) {
            throw unreachable(what, uri, ApnsSender.describe(e));
        }
    }

    private static ApiException unreachable(String what, URI uri, String cause) {
        return new ApiException(
                        502,
                        "Bad Gateway",
                        "FCM: " + what + " (" + uri.getHost() + ") could not be reached: " + cause + ".")
                .with("provider", PushResult.FCM);
    }
}
