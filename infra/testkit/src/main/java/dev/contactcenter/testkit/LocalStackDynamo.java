package dev.contactcenter.testkit;

import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;

/** DynamoDB in a LocalStack container, for the {@code localstack} Maven profile. */
final class LocalStackDynamo {
    private static final String IMAGE = "localstack/localstack:4.4";

    private LocalStackDynamo() {}

    static String start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String message = "Profile localstack: no Docker engine on this machine, so the storage tests "
                    + "are skipped. Run them without -Plocalstack to use DynamoDB Local.";
            // surefire does not print why a class was aborted in @BeforeAll, so say it here
            System.err.println("[localstack] " + message);
            throw new TestAbortedException(message);
        }
        LocalStackContainer container = new LocalStackContainer(IMAGE).withServices("dynamodb");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return container.getEndpoint().toString();
    }
}
