package dev.contactcenter.core.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.http.ApiResponse;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.Transactions;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key flow around a piece of work, against DynamoDB Local. */
class IdempotentRequestTest {
    private static final String TENANT = "acme";
    private static final String SCOPE = "POST_THINGS";
    private static final String THINGS = "/things";

    private IdempotentRequest idempotent;
    private Transactions transactions;
    private final AtomicInteger runs = new AtomicInteger();
    private ObjectNode body;

    @BeforeEach
    void freshTable() throws Exception {
        Backend backend = LocalDynamo.freshBackend(new MutableClock(Instant.parse("2026-12-01T10:00:00Z")));
        idempotent = new IdempotentRequest(new IdempotencyStore(backend));
        transactions = new Transactions(backend);
        body = (ObjectNode) Json.parse("{\"name\":\"x\"}");
    }

    /** Work that creates thing 42, completing the key in its own transaction. */
    private ApiResponse create(IdempotentRequest.Completion completion) {
        runs.incrementAndGet();
        ObjectNode created = Json.object().put("id", 42);
        completion.write(201, Json.write(created)).ifPresent(w -> transactions.write(List.of(w)));
        return ApiResponse.created(created, THINGS + "/42");
    }

    @Test
    void run_withoutKey_runsEveryTime() {
        idempotent.run(TENANT, SCOPE, Optional.empty(), body, THINGS, this::create);
        idempotent.run(TENANT, SCOPE, Optional.empty(), body, THINGS, this::create);

        assertEquals(2, runs.get());
    }

    @Test
    void run_sameKeyTwice_runsOnceAndReplaysTheCreatedResponseWithItsLocation() {
        ApiResponse first = idempotent.run(TENANT, SCOPE, Optional.of("k"), body, THINGS, this::create);
        ApiResponse replay = idempotent.run(TENANT, SCOPE, Optional.of("k"), body, THINGS, this::create);

        assertEquals(1, runs.get());
        assertEquals(201, replay.status());
        assertEquals(first.body(), replay.body());
        assertEquals("/things/42", replay.headers().get("Location"));
        assertEquals("true", replay.headers().get("Idempotent-Replayed"));
    }

    @Test
    void run_workRefusedWith422_replaysTheRefusalWithoutRunningAgain() {
        ApiException refusal = assertThrows(
                ApiException.class,
                () -> idempotent.run(TENANT, SCOPE, Optional.of("k"), body, THINGS, c -> {
                    runs.incrementAndGet();
                    throw ApiException.unprocessable("name", "Not a good name.");
                }));

        ApiResponse replay = idempotent.run(TENANT, SCOPE, Optional.of("k"), body, THINGS, this::create);

        assertEquals(1, runs.get());
        assertEquals(422, replay.status());
        assertEquals(ApiResponse.PROBLEM_JSON, replay.headers().get("Content-Type"));
        assertEquals(ApiResponse.problem(refusal).body(), replay.body());
    }

    @Test
    void run_workRefusedWith409_releasesTheKeySoARetryRuns() {
        assertThrows(
                ApiException.class,
                () -> idempotent.run(TENANT, SCOPE, Optional.of("k"), body, THINGS, c -> {
                    runs.incrementAndGet();
                    throw ApiException.conflict("Busy.");
                }));

        ApiResponse retry = idempotent.run(TENANT, SCOPE, Optional.of("k"), body, THINGS, this::create);

        assertEquals(2, runs.get());
        assertEquals(201, retry.status());
        assertTrue(retry.headers().get("Idempotent-Replayed") == null);
    }

    @Test
    void run_workFailsUnexpectedly_releasesTheKeySoARetryRuns() {
        assertThrows(
                IllegalStateException.class,
                () -> idempotent.run(TENANT, SCOPE, Optional.of("k"), body, THINGS, c -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("storage fell over");
                }));

        assertEquals(
                201,
                idempotent
                        .run(TENANT, SCOPE, Optional.of("k"), body, THINGS, this::create)
                        .status());
        assertEquals(2, runs.get());
    }

    @Test
    void run_sameKeyOtherBody_is422NamingTheHeader() throws Exception {
        idempotent.run(TENANT, SCOPE, Optional.of("k"), body, THINGS, this::create);
        ObjectNode other = (ObjectNode) Json.parse("{\"name\":\"y\"}");

        ApiException e = assertThrows(
                ApiException.class, () -> idempotent.run(TENANT, SCOPE, Optional.of("k"), other, THINGS, this::create));

        assertEquals(422, e.status());
        assertTrue(ApiResponse.problem(e).body().contains(IdempotentRequest.HEADER));
    }

    @Test
    void run_keyWithControlCharacters_is400() {
        ApiException e = assertThrows(
                ApiException.class,
                () -> idempotent.run(TENANT, SCOPE, Optional.of("bad key"), body, THINGS, this::create));

        assertEquals(400, e.status());
        assertEquals(0, runs.get());
    }
}
