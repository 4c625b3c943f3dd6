package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.callbacks.CreateCallback;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.TenantAdmin;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.testkit.ApiEvents;
import dev.contactcenter.testkit.LocalDynamo;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The fault a retry policy cannot see: DynamoDB applied the call-back's transaction, but its response never
 * reached the function (a connection reset after the write). The client gets an error and retries; either way
 * exactly one call exists.
 */
class LostResponseTest {
    static final String CALLS = "/apps/api/v1/calls";
    /** Lets the next TransactWriteItems through to DynamoDB, then throws as if its response was lost. */
    static final AtomicBoolean LOSE_NEXT_TRANSACTION_RESPONSE = new AtomicBoolean();

    static Backend backend;
    static CreateCallback handler;
    static long menu;

    static final ExecutionInterceptor LOSES_RESPONSE = new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if ("TransactWriteItems".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && LOSE_NEXT_TRANSACTION_RESPONSE.compareAndSet(true, false)) {
                throw SdkClientException.builder()
                        .message("Unable to execute HTTP request: Read timed out")
                        .cause(new SocketTimeoutException("Read timed out"))
                        .build();
            }
        }
    };

    @BeforeAll
    static void seed() throws Exception {
        backend = LocalDynamo.freshBackend(Clock.systemUTC(), LOSES_RESPONSE);
        handler = new CreateCallback(backend);
        for (String tenant : new String[] {"keyed", "unkeyed"}) {
            new TenantAdmin(backend)
                    .createTenant(
                            tenant,
                            (ObjectNode) Json.parse(
                                    "{\"global_number\":\"+14155550100\",\"phone_numbers\":[\"+14155550100\"]}"),
                            null);
            menu = new MenuService(backend)
                    .create(tenant, (ObjectNode) Json.parse("{\"name\":\"Support\",\"menu_type\":\"ivr_menu\"}"))
                    .id();
        }
    }

    static APIGatewayProxyResponseEvent post(String tenant, String idempotencyKey) {
        ApiEvents request = ApiEvents.request("POST", CALLS)
                .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                .body("{\"call_type\":\"IncomingCall\",\"end_user_number\":\"+14155550123\",\"menu_id\":" + menu + "}");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return handler.handleRequest(request.build(), null);
    }

    static int callsOf(String tenant) throws Exception {
        APIGatewayProxyResponseEvent list = handler.handleRequest(
                ApiEvents.request("GET", CALLS)
                        .tenant(tenant, Set.of(Scope.CALLS_WRITE))
                        .build(),
                null);
        return Json.parse(list.getBody()).get("calls").size();
    }

    @Test
    void retryWithTheSameIdempotencyKey_replaysTheOriginalResponse() throws Exception {
        LOSE_NEXT_TRANSACTION_RESPONSE.set(true);
        APIGatewayProxyResponseEvent lost = post("keyed", "lost-1");
        assertEquals(503, lost.getStatusCode(), lost.getBody());

        APIGatewayProxyResponseEvent retry = post("keyed", "lost-1");

        assertEquals(201, retry.getStatusCode(), retry.getBody());
        assertEquals("true", retry.getHeaders().get("Idempotent-Replayed"));
        JsonNode call = Json.parse(retry.getBody());
        assertEquals(CALLS + "/" + call.get("id").asLong(), retry.getHeaders().get("Location"));
        assertEquals(1, callsOf("keyed"));
    }

    @Test
    void retryWithoutAKey_isRefusedByTheDuplicateGuardNamingTheCall() throws Exception {
        LOSE_NEXT_TRANSACTION_RESPONSE.set(true);
        assertEquals(503, post("unkeyed", null).getStatusCode());

        APIGatewayProxyResponseEvent retry = post("unkeyed", null);

        assertEquals(409, retry.getStatusCode(), retry.getBody());
        JsonNode problem = Json.parse(retry.getBody());
        assertTrue(problem.get("call_id").asLong() > 0, retry.getBody());
        assertEquals(1, callsOf("unkeyed"));
    }
}
