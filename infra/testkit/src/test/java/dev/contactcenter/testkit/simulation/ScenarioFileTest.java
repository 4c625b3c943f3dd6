package dev.contactcenter.testkit.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Channel;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {
    private static final String FULL = """
            {"name": "full", "seed": 42, "replications": 10, "warmup_seconds": 3600, "horizon_seconds": 86400,
             "channel": "chat", "chat_concurrency": 2,
             "agents": {"schedule": [{"at_seconds": 0, "agents": 50}, {"at_seconds": 28800, "agents": 40}]},
             "arrivals": {"rate_per_second": 0.16, "sinusoid": {"amplitude": 0.4, "period_seconds": 6000}},
             "service": {"distribution": "lognormal", "mean_seconds": 300, "cv": 1.5},
             "patience": {"distribution": "weibull", "mean_seconds": 600, "shape": 0.7},
             "noise": {"unavailable_agent_fraction": 0.1}}
            """;

    private static String error(String json) {
        return assertThrows(ScenarioFile.InvalidScenario.class, () -> ScenarioFile.parse("x.json", json))
                .getMessage();
    }

    @Test
    void readsEveryKeyOfTheFormat() {
        Scenario s = ScenarioFile.parse("full.json", FULL);
        assertEquals("full", s.name());
        assertEquals(Channel.CHAT, s.channel());
        assertEquals(2, s.chatConcurrency());
        assertTrue(s.staffingVaries());
        assertEquals(List.of(new Scenario.Step(0, 50), new Scenario.Step(28_800, 40)), s.staffing());
        assertEquals(0.16 * 1.4, s.arrivals().rate(1500), 1e-12);
        assertEquals(Scenario.PatienceDistribution.WEIBULL, s.patience().distribution());
        assertEquals(0.1, s.unavailableAgentFraction());
    }

    @Test
    void optionalKeysMayBeAbsent() {
        Scenario s = ScenarioFile.parse("min.json", """
                {"name": "min", "horizon_seconds": 7200, "agents": {"constant": 5}, "arrivals": {"rate_per_second": 0.01},
                 "service": {"distribution": "exponential", "mean_seconds": 300}}""");
        assertEquals(Channel.VOICE_CALL, s.channel());
        assertEquals(Scenario.PatienceDistribution.NONE, s.patience().distribution());
        assertFalse(s.staffingVaries());
    }

    private static final String DELIVERY = """
            "delivery": {"loss_fraction": 0.01, "loss_by_type": {"contact_assigned": 0.02}, "duplicate_fraction": 0.01,
             "delay": {"distribution": "exponential", "mean_seconds": 5}, "snapshot_interval_seconds": 300}""";

    private static String withDelivery(String delivery) {
        return FULL.replace("\"noise\"", delivery + ", \"noise\"");
    }

    @Test
    void readsTheDeliveryBlock() {
        Delivery d = ScenarioFile.parse("lossy.json", withDelivery(DELIVERY)).delivery();
        assertEquals(0.02, d.lossOf("contact_assigned"));
        assertEquals(0.01, d.lossOf("contact_abandoned"));
        assertEquals(0.01, d.lossOf("queue_snapshot"));
        assertEquals(0.01, d.duplicateFraction());
        assertEquals(Delivery.DelayDistribution.EXPONENTIAL, d.delay());
        assertEquals(5, d.delayMeanSeconds());
        assertEquals(300, d.snapshotIntervalSeconds());
        assertFalse(d.isPerfect());
    }

    @Test
    void everyDeliveryKeyIsOptional() {
        assertTrue(ScenarioFile.parse("full.json", FULL).delivery().isPerfect());
        assertTrue(ScenarioFile.parse("x.json", withDelivery("\"delivery\": {}"))
                .delivery()
                .isPerfect());
        Delivery d = ScenarioFile.parse("x.json", withDelivery("\"delivery\": {\"delay\": {\"mean_seconds\": 2}}"))
                .delivery();
        assertEquals(Delivery.DelayDistribution.EXPONENTIAL, d.delay());
        assertEquals(0, d.lossOf("contact_queued"));
        assertEquals(0, d.snapshotIntervalSeconds());
    }

    @Test
    void everyDeliveryKeyIsValidatedByName() {
        assertTrue(error(withDelivery(DELIVERY.replace("loss_fraction", "loss")))
                .contains("'delivery.loss' is not a known key"));
        assertTrue(error(withDelivery(DELIVERY.replace("\"loss_fraction\": 0.01", "\"loss_fraction\": 1.5")))
                .contains("'delivery.loss_fraction' must be >= 0 and <= 1, was 1.5"));
        String unknownType = error(withDelivery(DELIVERY.replace("\"contact_assigned\"", "\"contact_served\"")));
        assertTrue(
                unknownType.contains("'delivery.loss_by_type.contact_served' is not a known key (allowed: agent_status,"
                        + " contact_abandoned, contact_assigned, contact_ended, contact_queued, queue_snapshot)"),
                unknownType);
        assertTrue(error(withDelivery(DELIVERY.replace("\"contact_assigned\": 0.02", "\"contact_assigned\": \"2%\"")))
                .contains("'delivery.loss_by_type.contact_assigned' must be a number"));
        assertTrue(error(withDelivery(DELIVERY.replace("\"loss_by_type\": {", "\"loss_by_type\": [{")
                        .replace("0.02}", "0.02}]")))
                .contains("'delivery.loss_by_type' must be an object"));
        assertTrue(error(withDelivery(DELIVERY.replace("\"duplicate_fraction\": 0.01", "\"duplicate_fraction\": -0.1")))
                .contains("'delivery.duplicate_fraction' must be >= 0"));
        assertTrue(error(withDelivery(DELIVERY.replace("\"exponential\"", "\"pareto\"")))
                .contains("'delivery.delay.distribution' must be one of exponential, constant"));
        assertTrue(error(withDelivery(DELIVERY.replace("\"mean_seconds\": 5", "\"mean_seconds\": -1")))
                .contains("'delivery.delay.mean_seconds' must be >= 0"));
        assertTrue(error(withDelivery(DELIVERY.replace(", \"mean_seconds\": 5", "")))
                .contains("'delivery.delay.mean_seconds' is required"));
        assertTrue(error(withDelivery(DELIVERY.replace("\"mean_seconds\": 5", "\"mean_seconds\": 5, \"jitter\": 1")))
                .contains("'delivery.delay.jitter' is not a known key"));
        assertTrue(error(withDelivery(
                        DELIVERY.replace("\"snapshot_interval_seconds\": 300", "\"snapshot_interval_seconds\": 0")))
                .contains("'delivery.snapshot_interval_seconds' must be > 0"));
        assertTrue(error(withDelivery("\"delivery\": 0.01")).contains("'delivery' must be an object"));
    }

    @Test
    void unknownKeysAreNamedWithTheirPath() {
        String message = error(FULL.replace("\"amplitude\"", "\"amplitud\""));
        assertTrue(message.contains("'arrivals.sinusoid.amplitud' is not a known key"), message);
        assertTrue(error(FULL.replace("\"noise\"", "\"noize\"")).contains("'noize'"));
    }

    @Test
    void impossibleValuesAreNamed() {
        assertTrue(error(FULL.replace("\"mean_seconds\": 300", "\"mean_seconds\": -5"))
                .contains("'service.mean_seconds' must be > 0"));
        assertTrue(error(FULL.replace("\"replications\": 10", "\"replications\": 2.5"))
                .contains("'replications' must be an integer"));
        assertTrue(error(FULL.replace("\"at_seconds\": 28800", "\"at_seconds\": 0"))
                .contains("'agents.schedule[1].at_seconds'"));
        assertTrue(error(FULL.replace("\"warmup_seconds\": 3600", "\"warmup_seconds\": 90000"))
                .contains("'warmup_seconds'"));
        assertTrue(error(FULL.replace("\"weibull\"", "\"gamma\""))
                .contains("'patience.distribution' must be one of none, exponential, weibull, lognormal"));
        assertTrue(error(FULL.replace("\"cv\": 1.5", "\"cv\": 0.6")
                        .replace("lognormal\", \"mean_seconds\": 300", "erlang\", \"mean_seconds\": 300"))
                .contains("'service.cv'"));
        assertTrue(error(FULL.replace("\"channel\": \"chat\", ", ""))
                .contains("'chat_concurrency' must be 1 unless channel is chat"));
        assertTrue(error("[1]").contains("must be an object"));
        assertTrue(error("{").contains("not JSON"));
    }
}
