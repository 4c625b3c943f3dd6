package dev.contactcenter.testpush;

import dev.contactcenter.core.http.ApiException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** One test push's time budget over several HTTP calls (token grant, send, a retry); past it: 502. */
final class Deadline {
    private final long endNanos;
    private final Duration budget;

    Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(1_000_000, endNanos - System.nanoTime()));
    }

    /** The response, or a 502 naming what could not be reached and why. */
    HttpResponse<String> send(HttpClient http, HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unreachable(what, request, "no answer within " + budget.toMillis() + " ms");
        } catch (IOException e) {
            throw unreachable(what, request, ApnsSender.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(what, request, "interrupted");
        }
    }

    private static ApiException unreachable(String what, HttpRequest request, String cause) {
        return new ApiException(
                        502,
                        "Bad Gateway",
                        "FCM: " + what + " (" + request.uri().getHost() + ") could not be reached: " + cause + ".")
                .with("provider", PushResult.FCM);
    }
}
