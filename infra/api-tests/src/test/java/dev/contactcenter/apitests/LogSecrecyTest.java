package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.local.LocalApi;
import dev.contactcenter.local.LocalRuntime;
import dev.contactcenter.testkit.PushKeys;
import dev.contactcenter.testkit.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Everything the API prints while it handles secrets: API secrets and Authorization headers, push keys,
 * device tokens, webhook signing secrets and customers' phone numbers (which webhook events carry). None of it
 * may appear in the logs; the request log still
 * has one structured line per request.
 */
class LogSecrecyTest {
    static final String KEY = "ak_logs";
    static final String SECRET = "sk_logs_Very-Secret-Value-9f8e7d";
    static final String PHONE = "+14155557788";
    /** A call-back's custom attribute: personal data for the agent's screen, never for the logs. */
    static final String DATA_VALUE = "data-Account-Holder-4242";

    static final String DEVICE_TOKEN = "a".repeat(20) + "0123456789abcdef0123456789abcdef0123456789ab";

    @Test
    void logsCarryNoSecretsTokensOrPhoneNumbers() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        List<String> secrets = new ArrayList<>(List.of(
                SECRET,
                ApiClient.basic(KEY, SECRET).substring(6),
                PHONE,
                PHONE.substring(1),
                DEVICE_TOKEN,
                DATA_VALUE));
        int requests = 0;
        try (WebhookReceiver receiver = WebhookReceiver.start();
                LocalRuntime runtime = LocalApi.start(
                        "--no-demo-traffic",
                        "--port",
                        "0",
                        "--ddb-port",
                        "0",
                        "--api-key",
                        KEY,
                        "--api-secret",
                        SECRET,
                        "--rate-limit",
                        "0",
                        "--mock-push")) {
            ApiClient client = new ApiClient(runtime.port());
            String auth = ApiClient.basic(KEY, SECRET);
            ObjectNode apns = PushKeys.apnsToken().put("environment", "sandbox");
            String p8Line = apns.get("p8_key").asText().split("\n")[1];
            secrets.add(p8Line);
            ObjectNode app = Json.object().put("name", "Log app").put("ios_bundle_id", "com.example.logs");
            app.putObject("push").set("apns", apns);
            List<HttpResponse<String>> responses = new ArrayList<>();
            responses.add(client.send("POST", "/apps/api/v1/mobile_apps", auth, Json.write(app)));
            long appId = Json.parse(responses.get(0).body()).get("id").asLong();
            responses.add(client.send(
                    "POST",
                    "/apps/api/v1/mobile_apps/" + appId + "/test_push",
                    auth,
                    "{\"device_token\":\"" + DEVICE_TOKEN + "\",\"platform\":\"ios\"}"));
            // a webhook endpoint: its secret, the rotated one, a signed ping and the call's signed events
            HttpResponse<String> hook = client.send(
                    "POST",
                    "/apps/api/v1/webhooks",
                    auth,
                    "{\"url\":\"" + receiver.url("/hooks") + "\",\"event_types\":[\"*\"]}");
            responses.add(hook);
            long hookId = Json.parse(hook.body()).get("id").asLong();
            secrets.add(Json.parse(hook.body()).get("secret").asText().substring("whsec_".length()));
            HttpResponse<String> rotated =
                    client.send("POST", "/apps/api/v1/webhooks/" + hookId + "/rotate_secret", auth, null);
            responses.add(rotated);
            secrets.add(Json.parse(rotated.body()).get("secret").asText().substring("whsec_".length()));
            responses.add(client.send("POST", "/apps/api/v1/webhooks/" + hookId + "/test", auth, null));
            responses.add(client.send(
                    "POST",
                    "/apps/api/v1/calls",
                    auth,
                    "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"" + PHONE + "\",\"menu_id\":1}"));
            responses.add(client.send(
                    "POST",
                    "/apps/api/v1/calls",
                    auth,
                    "{\"call_type\":\"IncomingCall\",\"end_user_number\":\"" + PHONE + "\",\"menu_id\":1,"
                            + "\"data\":{\"holder\":\"" + DATA_VALUE + "\",\"nested\":{\"holder\":\"" + DATA_VALUE
                            + "\"}}}"));
            responses.add(client.send("GET", "/apps/api/v1/menus", ApiClient.basic(KEY, SECRET + "-wrong"), null));
            responses.add(client.send("GET", "/apps/api/v1/wait_times?lang=en", auth, null));
            responses.add(client.send("POST", "/apps/api/v1/menus", auth, "{\"name\":\"" + SECRET + "\"}"));
            requests = responses.size();
            // the call's events went out signed (through the table's stream): their sending is in the logs searched
            receiver.await(3, r -> true, java.time.Duration.ofSeconds(30));
            assertEquals(201, responses.get(0).statusCode(), responses.get(0).body());
            assertTrue(
                    responses.get(1).body().contains("\"delivered\":true"),
                    responses.get(1).body());
            assertFalse(responses.get(0).body().contains(p8Line), "no key material in responses");
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            assertFalse(logs.contains(secret), "the logs contain a secret: " + secret.substring(0, 6) + "...");
        }
        assertFalse(logs.contains("Authorization"), "no headers in the logs");
        long requestLines =
                logs.lines().filter(l -> l.startsWith("{\"route\":")).count();
        JsonNode line = Json.parse(logs.lines()
                .filter(l -> l.startsWith("{\"route\":\"POST /apps/api/v1/calls\""))
                .findFirst()
                .orElseThrow());
        for (String field : List.of("route", "tenant", "request_id", "status", "latency_ms")) {
            assertTrue(line.has(field), "request log line has " + field + ": " + line);
        }
        System.out.printf(
                "log secrecy: %d log lines (%d request lines) from %d requests searched for %d secrets: none found%n",
                logs.lines().count(), requestLines, requests, secrets.size());
        assertTrue(requestLines >= requests - 1, "one structured line per request reaching a function");
    }

    /** Writes to the console and into the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
