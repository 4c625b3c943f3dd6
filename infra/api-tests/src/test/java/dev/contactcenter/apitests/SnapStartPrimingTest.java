package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.snapstart.Priming;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.LocalDynamo;
import dev.contactcenter.testkit.TemplateRoutes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

/**
 * Every function built as Lambda builds it (no-argument constructor, settings from the environment) registers
 * SnapStart priming that runs without error, answers no 5xx and writes nothing: the table stays empty.
 */
class SnapStartPrimingTest {
    private static final Map<String, String> SETTINGS = Map.of(
            "dynamodb.endpoint",
            LocalDynamo.endpoint(),
            "aws.accessKeyId",
            "local",
            "aws.secretAccessKey",
            "local",
            "kms.key.id",
            "alias/priming-test",
            "webhook.queue.url",
            "https://sqs.us-east-1.amazonaws.com/123456789012/priming-test.fifo");

    @Test
    void primingOfEveryFunctionReadsOnlyAndSucceeds() throws Exception {
        Backend backend = LocalDynamo.freshBackend();
        TemplateRoutes template = TemplateRoutes.readDefault();
        Set<String> handlers = new LinkedHashSet<>();
        handlers.add(template.authorizer().handlerClass());
        template.routes().forEach(r -> handlers.add(r.handlerClass()));
        SETTINGS.forEach(System::setProperty);
        System.setProperty("table.name", backend.table());
        int before = Priming.registered().size();
        // the settings stay until priming ran: the clients resolve credentials on their first request
        try {
            for (String handler : handlers) {
                Class.forName(handler).getConstructor().newInstance();
            }
            List<Resource> registered = Priming.registered();
            // one for each function's client, one for its request path, and one for each client built on first
            // use (KMS in register-mobile-app, test-push and webhooks, the push senders in test-push, SQS in webhooks)
            assertEquals(2 * handlers.size() + 5, registered.size() - before);
            for (Resource priming : registered.subList(before, registered.size())) {
                priming.beforeCheckpoint(null);
                priming.afterRestore(null);
            }
        } finally {
            SETTINGS.keySet().forEach(System::clearProperty);
            System.clearProperty("table.name");
        }
        assertTrue(
                backend.dynamo().scan(b -> b.tableName(backend.table())).items().isEmpty(),
                "priming wrote to the table");
    }
}
