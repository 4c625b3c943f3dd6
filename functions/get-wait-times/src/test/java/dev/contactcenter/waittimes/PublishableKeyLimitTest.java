package dev.contactcenter.waittimes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.auth.PublishableKeyLimit;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.MutableClock;
import dev.contactcenter.testkit.RequestCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Each publishable key's own per-minute count, on DynamoDB Local: one write per request, whatever the traffic. */
class PublishableKeyLimitTest {
    private static final Instant MINUTE = Instant.parse("2026-12-01T10:00:00Z");
    private final RequestCounter counter = new RequestCounter();
    private MutableClock clock;
    private Backend backend;

    @BeforeEach
    void table() {
        clock = new MutableClock(MINUTE.plusSeconds(45));
        backend = LocalDynamo.freshBackend(clock, counter);
    }

    @Test
    void aKeyOverItsLimitWaitsForTheNextMinuteAndOtherKeysDoNot() {
        PublishableKeyLimit limit = new PublishableKeyLimit(backend, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), limit.acquire("pk_site"), "request " + (i + 1));
        }
        assertEquals(OptionalLong.of(15), limit.acquire("pk_site"), "15 s to the next minute");
        assertEquals(OptionalLong.empty(), limit.acquire("pk_other"), "another key counts apart");
        clock.advance(Duration.ofSeconds(15));
        assertEquals(OptionalLong.empty(), limit.acquire("pk_site"), "a new minute");
    }

    @Test
    void eachRequestCostsOneUpdateOfAConstantSizeItemThatExpires() {
        PublishableKeyLimit limit = new PublishableKeyLimit(backend, 1000);
        counter.reset();
        for (int i = 0; i < 50; i++) {
            limit.acquire("pk_busy");
        }
        assertEquals(50, counter.count());
        assertEquals(
                List.of("UpdateItem"), counter.operations().stream().distinct().toList());
        Map<String, AttributeValue> item = backend.dynamo()
                .getItem(b -> b.tableName(backend.table())
                        .key(Map.of(
                                TableDesign.PK, AttributeValue.fromS("PUBKEY#pk_busy"),
                                TableDesign.SK, AttributeValue.fromS("RATE#" + MINUTE.getEpochSecond() / 60))))
                .item();
        assertEquals("50", item.get("hits").n());
        // TTL a minute after the counted minute ends; the item holds a number, not a list of requests
        assertEquals(
                MINUTE.getEpochSecond() + 120,
                Long.parseLong(item.get(TableDesign.EXPIRES_AT).n()));
        assertEquals(5, item.size(), item.toString());
    }

    @Test
    void zeroTurnsTheLimitOffWithoutAnyRequest() {
        PublishableKeyLimit off = new PublishableKeyLimit(backend, 0);
        counter.reset();
        for (int i = 0; i < 5; i++) {
            assertTrue(off.acquire("pk_site").isEmpty());
        }
        assertEquals(0, counter.count());
    }
}
