package dev.contactcenter.core.queue;

import dev.contactcenter.core.domain.Channel;
import dev.contactcenter.core.ewt.AgentPresence;
import dev.contactcenter.core.ewt.AgentStatus;
import dev.contactcenter.core.ewt.DecayedSum;
import dev.contactcenter.core.ewt.QueueSnapshot;
import dev.contactcenter.core.ewt.WaitingContact;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueueStateMapperTest {
    private static final long TODAY = 20_781;
    /** Factors that read today's bucket alone, then yesterday's alone. */
    private static final DecayedSum.At TODAYS = new DecayedSum.At(TODAY, 1, 0, 1, 0);
    private static final DecayedSum.At YESTERDAYS = new DecayedSum.At(TODAY, 0, 1, 0, 1);

    @Test
    void readsEveryKindOfAttribute() {
        Map<String, AttributeValue> item = item(
                "PK", s("TENANT#t#MENUS"), "SK", s("QUEUE#0000000000000001"), "type", s("queue_state"), "rev", n("8"),
                "c#one", s("voice_call 2 1795480102641"), "c#two", s("chat 0 1795480000000"),
                "s#three", s("voice_call 1795480000"), "s#four", s("voice_call 1795470000"),
                "a#x", s("available voice_call,chat 2 3 1"), "a#y", s("busy chat 4 1 0"), "a#z", s("away voice_call 0 1 0"),
                "les#voice_call", s("1795482533641 60"), "lt#voice_call", n("1795482533641"),
                "hw#voice_call#" + TODAY, n("5.4129610692657721"), "hw#voice_call#" + (TODAY - 1), n("2.5"),
                "hs#voice_call#" + TODAY, n("1795.630158790854"), "aw#chat#" + TODAY, n("1.25"),
                "xs#chat#" + (TODAY - 1), n("-3"), "lw#voice_call#" + TODAY, n("2.2549771491022970"),
                "ls#voice_call#" + TODAY, n("727.93605778901767"), "lq#voice_call#" + TODAY, n("237987.56663543102"),
                "hw#voice_call#" + (TODAY - 2), n("1000"));
        QueueStateMapper.QueueState state = QueueStateMapper.read(item, TODAY);

        QueueSnapshot voice = state.snapshot(Channel.VOICE_CALL, 300, TODAYS);
        assertEquals(List.of(new WaitingContact(2, 1795480102641L)), voice.waiting());
        assertArrayEquals(new long[]{1795480000, 1795470000}, voice.serviceStartSeconds());
        assertEquals(List.of(new AgentPresence(AgentStatus.AVAILABLE, 0.5, 3, true),
                new AgentPresence(AgentStatus.AWAY, 1, 1, false)), voice.agents());
        assertEquals(1795482533641L, voice.lesAtMillis());
        assertEquals(60, voice.lesWaitSeconds());
        // 17 digits and more are read within 2 ulp
        assertEquals(5.4129610692657721, voice.handleWeight(), 2 * Math.ulp(5.41));
        assertEquals(1795.630158790854, voice.handleSeconds(), 2 * Math.ulp(1795.6));
        assertEquals(2.2549771491022970, voice.longHandleWeight(), 2 * Math.ulp(2.25));
        assertEquals(727.93605778901767, voice.longHandleSeconds(), 2 * Math.ulp(727.9));
        assertEquals(237987.56663543102, voice.longHandleSquares(), 2 * Math.ulp(237987.5));
        assertEquals(2.5, state.snapshot(Channel.VOICE_CALL, 300, YESTERDAYS).handleWeight());

        QueueSnapshot chat = state.snapshot(Channel.CHAT, 300, TODAYS);
        assertEquals(List.of(new WaitingContact(0, 1795480000000L)), chat.waiting());
        assertArrayEquals(new long[0], chat.serviceStartSeconds());
        assertEquals(List.of(new AgentPresence(AgentStatus.AVAILABLE, 0.5, 3, true),
                new AgentPresence(AgentStatus.BUSY, 0.25, 1, false)), chat.agents());
        assertNull(chat.lesAtMillis());
        assertEquals(1.25, chat.abandonWeight());
        assertEquals(-3, state.snapshot(Channel.CHAT, 300, YESTERDAYS).exposureSeconds());
    }

    @Test
    void statNamesCountByTheirPrefixAndDayWhateverTheirSpelling() {
        Map<String, AttributeValue> item = item(
                "hw#voice_call#" + TODAY, n("1"), "hw#voice_call#0" + TODAY, n("2"), "hw#voice_callx#" + TODAY, n("4"),
                "hw#chat#" + TODAY, n("8"), "hw#chatty#" + (TODAY - 1), n("16"), "hw#email#" + TODAY, n("32"),
                "hw#voice_call#" + (TODAY + 1), n("64"), "hx#voice_call#" + TODAY, n("128"), "hw#voice_call", n("256"));
        QueueStateMapper.QueueState state = QueueStateMapper.read(item, TODAY);
        assertEquals(7, state.snapshot(Channel.VOICE_CALL, 300, TODAYS).handleWeight());
        assertEquals(8, state.snapshot(Channel.CHAT, 300, TODAYS).handleWeight());
        assertEquals(16, state.snapshot(Channel.CHAT, 300, YESTERDAYS).handleWeight());

        // read a day later, today's bucket is yesterday's
        QueueStateMapper.QueueState nextDay = QueueStateMapper.read(item, TODAY + 1);
        DecayedSum.At yesterday = new DecayedSum.At(TODAY + 1, 0, 1, 0, 1);
        DecayedSum.At today = new DecayedSum.At(TODAY + 1, 1, 0, 1, 0);
        assertEquals(7, nextDay.snapshot(Channel.VOICE_CALL, 300, yesterday).handleWeight());
        assertEquals(64, nextDay.snapshot(Channel.VOICE_CALL, 300, today).handleWeight());
        assertEquals(8, nextDay.snapshot(Channel.CHAT, 300, yesterday).handleWeight());
    }

    @Test
    void agentChannelsAreFoundAnywhereInTheirList() {
        Map<String, AttributeValue> item = item(
                "a#1", s("busy chat,voice_call 1 1 0"), "a#2", s("busy xvoice_call 1 1 0"), "a#3", s("busy voice 1 1 0"),
                "a#4", s("busy chat,email 1 1 0"), "a#5", s("busy email 1 1 chat"));
        QueueStateMapper.QueueState state = QueueStateMapper.read(item, TODAY);
        assertEquals(2, state.snapshot(Channel.VOICE_CALL, 300, TODAYS).agents().size());
        assertEquals(2, state.snapshot(Channel.CHAT, 300, TODAYS).agents().size());
    }

    @Test
    void valuesOfAnotherShapeAreSkipped() {
        Map<String, AttributeValue> item = item(
                "c#1", s("voice_call 2"), "c#2", s("email 1 2"), "c#3", s("voice_call2 1 2"), "s#4", s("email 5"),
                "a#5", s("busy voice_call 1 1"), "les#email", s("1 2"), "les#chat", s("12"), "c", s("voice_call 1 2"));
        QueueStateMapper.QueueState state = QueueStateMapper.read(item, TODAY);
        for (Channel channel : Channel.values()) {
            QueueSnapshot snapshot = state.snapshot(channel, 300, TODAYS);
            assertEquals(List.of(), snapshot.waiting());
            assertEquals(List.of(), snapshot.agents());
            assertArrayEquals(new long[0], snapshot.serviceStartSeconds());
            assertNull(snapshot.lesAtMillis());
        }
    }

    @Test
    void malformedNumbersThrow() {
        for (Map<String, AttributeValue> item : List.of(item("c#1", s("voice_call x 2")), item("c#1", s("chat 1 2 ")),
                item("a#1", s("busy chat one 1 0")), item("les#chat", s("1 -")), item("hw#chat#" + TODAY, n("1.2.3")),
                item("hw#email#x", n("1")))) {
            assertThrows(NumberFormatException.class, () -> QueueStateMapper.read(item, TODAY), item.toString());
        }
    }

    private static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        // as the SDK returns items
        return Collections.unmodifiableMap(item);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(String value) {
        return AttributeValue.builder().n(value).build();
    }
}
