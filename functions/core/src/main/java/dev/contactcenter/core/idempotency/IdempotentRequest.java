package dev.contactcenter.core.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The Idempotency-Key flow of a POST, one reusable step: validate the key, hash the body, claim the key
 * (or replay the stored response, or refuse a different body or a request still in flight), run the work,
 * and on a refusal store it for replay (a 409 releases the claim instead: a conflict may clear). The work
 * gets a {@link Completion} whose write it adds to its own transaction, so the stored response is saved
 * atomically with the work: there is no moment at which the work is done but its response not recorded.
 */
public final class IdempotentRequest {
    public static final String HEADER = "Idempotency-Key";

    private final IdempotencyStore store;

    public IdempotentRequest(IdempotencyStore store) {
        this.store = store;
    }

    /** The write that records the work's response, for the work's transaction; empty without a key. */
    @FunctionalInterface
    public interface Completion {
        Completion NONE = (status, body) -> Optional.empty();

        Optional<TransactWriteItem> write(int status, String body);
    }

    /**
     * Runs {@code work} at most once per key and scope (for example {@code POST_CALLS}) of a tenant. A
     * replayed 201 carries {@code Location} as {@code collection}/{id of the stored body}.
     */
    public ApiResponse run(
            String tenantId,
            String scope,
            Optional<String> idempotencyKey,
            ObjectNode body,
            String collection,
            Function<Completion, ApiResponse> work) {
        if (idempotencyKey.isEmpty()) {
            return work.apply(Completion.NONE);
        }
        String key = idempotencyKey.get();
        if (!key.matches("[\\x21-\\x7E]{1,255}")) {
            throw ApiException.badRequest(
                    HEADER, "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
        }
        IdempotencyStore.Claim claim = store.claim(tenantId, scope, key, hash(body));
        switch (claim.outcome()) {
            case REPLAY -> {
                return replay(claim, collection);
            }
            case DIFFERENT_REQUEST ->
                throw ApiException.unprocessable(
                        HEADER, "This Idempotency-Key was used with a different request body in the last 24 hours.");
            case IN_FLIGHT ->
                throw ApiException.conflict(
                        "A request with this Idempotency-Key is still being processed; retry shortly.");
            default -> {}
        }
        try {
            return work.apply(
                    (status, response) -> Optional.of(store.completeAction(tenantId, scope, key, status, response)));
        } catch (ApiException e) {
            if (e.status() == 409) {
                // a conflict may clear (the pending call ends): the same key may try again
                store.release(tenantId, scope, key);
            } else {
                store.complete(
                        tenantId, scope, key, e.status(), ApiResponse.problem(e).body());
            }
            throw e;
        } catch (RuntimeException e) {
            store.release(tenantId, scope, key);
            throw e;
        }
    }

    private static ApiResponse replay(IdempotencyStore.Claim claim, String collection) {
        JsonNode stored = parse(claim.body());
        ApiResponse replay = ApiResponse.json(claim.status(), stored);
        if (claim.status() == 201) {
            replay.header("Location", collection + "/" + stored.get("id").asLong());
        } else if (claim.status() >= 400) {
            replay.header("Content-Type", ApiResponse.PROBLEM_JSON);
        }
        return replay.header("Idempotent-Replayed", "true");
    }

    private static String hash(ObjectNode body) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(Json.write(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored response is not JSON", e);
        }
    }
}
