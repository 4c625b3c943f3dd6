package dev.contactcenter.core.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idempotency record's storage, one behaviour per test, against DynamoDB Local with a clock we move. */
class IdempotencyStoreTest {
    private static final String TENANT = "acme";
    private static final String SCOPE = "POST_CALLS";
    private static final String HASH = "hash-of-body";

    private MutableClock clock;
    private IdempotencyStore store;
    private Backend backend;

    @BeforeEach
    void freshTable() {
        clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        backend = LocalDynamo.freshBackend(clock);
        store = new IdempotencyStore(backend);
    }

    @Test
    void claim_unusedKey_isClaimed() {
        assertEquals(
                IdempotencyStore.Outcome.CLAIMED,
                store.claim(TENANT, SCOPE, "k1", HASH).outcome());
    }

    @Test
    void claim_keyInFlight_isInFlight() {
        store.claim(TENANT, SCOPE, "k1", HASH);
        clock.advance(Duration.ofSeconds(5));

        assertEquals(
                IdempotencyStore.Outcome.IN_FLIGHT,
                store.claim(TENANT, SCOPE, "k1", HASH).outcome());
    }

    @Test
    void claim_abandonedClaimOfTheSameRequest_isTakenOver() {
        store.claim(TENANT, SCOPE, "k1", HASH);
        clock.advance(IdempotencyStore.ABANDONED_AFTER.plusSeconds(1));

        assertEquals(
                IdempotencyStore.Outcome.CLAIMED,
                store.claim(TENANT, SCOPE, "k1", HASH).outcome());
    }

    @Test
    void claim_abandonedClaimOfAnotherBody_isADifferentRequest() {
        store.claim(TENANT, SCOPE, "k1", HASH);
        clock.advance(IdempotencyStore.ABANDONED_AFTER.plusSeconds(1));

        assertEquals(
                IdempotencyStore.Outcome.DIFFERENT_REQUEST,
                store.claim(TENANT, SCOPE, "k1", "another-hash").outcome());
    }

    @Test
    void claim_completedWithARefusal_replaysTheStoredRefusal() {
        store.claim(TENANT, SCOPE, "k1", HASH);
        store.complete(TENANT, SCOPE, "k1", 422, "{\"status\":422}");

        IdempotencyStore.Claim replay = store.claim(TENANT, SCOPE, "k1", HASH);

        assertEquals(IdempotencyStore.Outcome.REPLAY, replay.outcome());
        assertEquals(422, replay.status());
        assertEquals("{\"status\":422}", replay.body());
    }

    @Test
    void claim_recordExpiredButNotYetDeletedByTtl_isClaimedAfresh() {
        store.claim(TENANT, SCOPE, "k1", HASH);
        store.complete(TENANT, SCOPE, "k1", 201, "{\"id\":1}");
        // DynamoDB deletes expired items only eventually; the record is still there, but past its expiry
        clock.advance(IdempotencyStore.RETENTION.plusMinutes(1));

        IdempotencyStore.Claim claim = store.claim(TENANT, SCOPE, "k1", "a-new-body");

        assertEquals(IdempotencyStore.Outcome.CLAIMED, claim.outcome());
        assertNull(claim.body());
    }

    @Test
    void release_claimInFlight_letsTheKeyBeClaimedAgain() {
        store.claim(TENANT, SCOPE, "k1", HASH);

        store.release(TENANT, SCOPE, "k1");

        assertEquals(
                IdempotencyStore.Outcome.CLAIMED,
                store.claim(TENANT, SCOPE, "k1", HASH).outcome());
    }

    @Test
    void release_recordAlreadyCompleted_keepsItForReplay() {
        store.claim(TENANT, SCOPE, "k1", HASH);
        store.complete(TENANT, SCOPE, "k1", 201, "{\"id\":7}");

        store.release(TENANT, SCOPE, "k1");

        assertEquals(
                IdempotencyStore.Outcome.REPLAY,
                store.claim(TENANT, SCOPE, "k1", HASH).outcome());
    }

    @Test
    void claim_otherTenantsSameKey_isIndependent() {
        store.claim(TENANT, SCOPE, "k1", HASH);

        assertEquals(
                IdempotencyStore.Outcome.CLAIMED,
                store.claim("globex", SCOPE, "k1", "x").outcome());
    }
}
