package dev.contactcenter.core.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs one signed event with the JDK's HTTP client (no extra HTTP stack in the jar), with one timeout
 * for connecting and one for the whole answer. Redirects are not followed: a redirect could lead into
 * the network the target checks keep out.
 */
public final class WebhookSender {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What came back: a status code, or an error in plain words (timeouts, refused connections). */
    public record Response(Integer statusCode, long latencyMillis, String error) {
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Response post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "contact-center-webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Response(response.statusCode(), elapsed(started), null);
        } catch (HttpTimeoutException e) {
            return new Response(null, elapsed(started), "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Response(
                    null,
                    elapsed(started),
                    "connection failed: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(null, elapsed(started), "interrupted");
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
