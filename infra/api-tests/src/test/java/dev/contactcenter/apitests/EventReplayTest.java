package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every file in events/ replayed through its handler (see {@link SampleReplay}) must succeed. */
class EventReplayTest {
    @TestFactory
    Stream<DynamicTest> everySampleEventSucceedsThroughItsHandler() throws IOException {
        SampleReplay replay = new SampleReplay();
        List<Path> files = replay.files();
        assertTrue(files.size() >= replay.template.routes().size());
        return files.stream()
                .map(file ->
                        DynamicTest.dynamicTest(replay.events.relativize(file).toString(), () -> {
                            if (SampleReplay.isAuthorizerSample(file)) {
                                IamPolicyResponseV1 policy = replay.authorize(file);
                                assertEquals("demo", policy.getContext().get("tenant_id"));
                                return;
                            }
                            if (SampleReplay.isRecordsSample(file)) {
                                assertEquals(0, replay.replayRecords(file), file + ": records reported as failed");
                                return;
                            }
                            SampleReplay.Replayed r = replay.replay(file);
                            assertTrue(
                                    r.response().getStatusCode() >= 200
                                            && r.response().getStatusCode() < 300,
                                    file + " -> " + r.response().getStatusCode() + " "
                                            + r.response().getBody());
                        }));
    }
}
