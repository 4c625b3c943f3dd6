package dev.contactcenter.testkit;

import java.net.SocketTimeoutException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Makes DynamoDB fail the way it does in production, at a chosen rate per attempt: throttling
 * ({@code ThrottlingException}, {@code ProvisionedThroughputExceededException}), transient 500s and
 * timeouts (a read timing out on the socket).
 * The fault is raised just before the attempt is sent, so it is never applied (as DynamoDB does not
 * apply a throttled request) and the SDK's own retry strategy decides whether to try again.
 */
public final class FaultInjector implements ExecutionInterceptor {
    private final SplittableRandom random;
    private volatile double rate;
    private final AtomicInteger injected = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    public FaultInjector(double rate, long seed) {
        this.rate = rate;
        this.random = new SplittableRandom(seed);
    }

    public void rate(double newRate) {
        this.rate = newRate;
    }

    public int injected() {
        return injected.get();
    }

    public int attempts() {
        return attempts.get();
    }

    /** Called once per attempt, retries included. */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.incrementAndGet();
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw >= rate) {
            return;
        }
        injected.incrementAndGet();
        throw switch ((int) (draw / rate * 4)) {
            case 0 ->
                fault(
                        DynamoDbException.builder(),
                        400,
                        "ThrottlingException",
                        "Rate of requests exceeds the allowed throughput.");
            case 1 ->
                fault(
                        ProvisionedThroughputExceededException.builder(),
                        400,
                        "ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was exceeded.");
            case 2 ->
                fault(InternalServerErrorException.builder(), 500, "InternalServerError", "Internal server error");
            default ->
                SdkClientException.builder()
                        .message("Unable to execute HTTP request: Read timed out")
                        .cause(new SocketTimeoutException("Read timed out"))
                        .build();
        };
    }

    private static DynamoDbException fault(DynamoDbException.Builder builder, int status, String code, String message) {
        return (DynamoDbException) builder.statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("DynamoDb")
                        .build())
                .build();
    }
}
