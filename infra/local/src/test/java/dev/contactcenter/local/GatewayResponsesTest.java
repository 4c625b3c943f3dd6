package dev.contactcenter.local;

import static dev.contactcenter.local.Http.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** What the local gateway answers itself: the template's gateway responses, malformed URLs, busy ports. */
class GatewayResponsesTest {
    private static final String DEMO = basic("ak_gw", "sk_gw_secret");
    private static final GatewayTemplate TEMPLATE = GatewayTemplate.load(templateFile());

    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = LocalApi.start(
                "--no-demo-traffic",
                "--port",
                "0",
                "--api-key",
                "ak_gw",
                "--api-secret",
                "sk_gw_secret",
                "--rate-limit",
                "0",
                "--template",
                templateFile().toString());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static List<String> gatewayResponseTypes() {
        List<String> types = TEMPLATE.gatewayResponseTypes();
        assertTrue(
                types.containsAll(List.of(
                        "UNAUTHORIZED",
                        "MISSING_AUTHENTICATION_TOKEN",
                        "ACCESS_DENIED",
                        "THROTTLED",
                        "DEFAULT_4XX",
                        "DEFAULT_5XX")),
                types.toString());
        return types;
    }

    /** Each type the template configures, with a message that needs escaping: problem+json, no variable left. */
    @ParameterizedTest
    @MethodSource("gatewayResponseTypes")
    void everyGatewayResponseOfTheTemplateRendersAsAProblemDocument(String type) throws Exception {
        int defaultStatus = type.equals("DEFAULT_5XX") ? 502 : type.equals("THROTTLED") ? 429 : 400;
        String message = "API Gateway's \"own\" message";
        APIGatewayProxyResponseEvent response =
                TEMPLATE.respond(type, defaultStatus, message, Map.of("Origin", "https://shop.example"));
        assertFalse(response.getBody().contains("$context"), response.getBody());
        JsonNode problem = Json.parse(response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertTrue(problem.has("type") && problem.has("title") && problem.has("detail"), response.getBody());
        if (problem.has("status")) {
            assertEquals(response.getStatusCode(), problem.path("status").asInt(), type);
        }
        if (type.startsWith("DEFAULT_")) {
            // the real message, as API Gateway substitutes $context.error.messageString
            assertEquals(message, problem.path("detail").asText());
            assertEquals(defaultStatus, response.getStatusCode());
        }
    }

    @Test
    void typesWithoutTheirOwnEntryTakeTheDefaultsHeadersAndTheirOwnStatus() throws Exception {
        APIGatewayProxyResponseEvent tooLarge = TEMPLATE.respond(
                "REQUEST_TOO_LARGE", 413, "Request Too Long", Map.of("Origin", "https://shop.example"));
        assertEquals(413, tooLarge.getStatusCode());
        assertEquals("https://shop.example", tooLarge.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals(
                "Request Too Long",
                Json.parse(tooLarge.getBody()).path("detail").asText());
    }

    @Test
    void refusalsOverHttpCarryTheTemplatesText() throws Exception {
        Raw unauthorized = Raw.get(runtime.port(), "/apps/api/v1/menus", basic("ak_gw", "wrong"));
        assertEquals(401, unauthorized.status());
        assertTrue(
                unauthorized
                        .problem()
                        .path("detail")
                        .asText()
                        .startsWith("Missing or invalid credentials in Authorization"),
                unauthorized.body());
        assertTrue(
                unauthorized.headers().contains("www-authenticate: basic realm=\"contact-center-api\""),
                unauthorized.headers());
        Raw unknown = Raw.get(runtime.port(), "/apps/api/v1/nothing", DEMO);
        assertEquals(404, unknown.status());
        assertEquals("Not Found", unknown.problem().path("title").asText());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/apps/api/v1/menus/%zz",
                "/apps/api/v1/menus/%",
                "/apps/api/v1/menus/%C3%28",
                "/apps/api/v1/menus?lang=%zz",
                "/apps/api/v1/wait_times?menu_id=1%",
                "/apps/api/v1/menus?%G0=en"
            })
    void aMalformedPercentEscapeIsA400ProblemDocument(String target) throws Exception {
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            assertEquals(400, Raw.send(runtime.port(), method, target, DEMO).status(), method + " " + target);
        }
        Raw refused = Raw.get(runtime.port(), target, DEMO);
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.headers().contains("content-type: application/problem+json"), refused.headers());
        String detail = refused.problem().path("detail").asText();
        // Jetty refuses a bad escape in the path before the gateway sees it, without saying which one
        assertTrue(target.contains("?") ? detail.contains("query string") : detail.contains("%"), detail);
        if (target.contains("lang=")) {
            assertTrue(detail.contains("'lang'"), "names the parameter: " + detail);
        }
    }

    /** Past API Gateway's 10,240 bytes of request line and headers, Jetty refuses: still a problem document. */
    @Test
    void anOverlongUrlIsAProblemDocumentToo() throws Exception {
        assertEquals(
                200,
                Raw.get(runtime.port(), "/apps/api/v1/menus?a=" + "b".repeat(8000), DEMO)
                        .status());
        Raw refused = Raw.get(runtime.port(), "/apps/api/v1/menus?a=" + "b".repeat(20_000), DEMO);
        assertTrue(refused.status() == 414 || refused.status() == 431, refused.headers());
        assertTrue(
                refused.headers().contains("content-type: application/problem+json"),
                refused.headers() + refused.body());
    }

    @Test
    void aWellFormedEscapeStillReachesTheFunction() throws Exception {
        Raw menus = Raw.get(runtime.port(), "/apps/api/v1/menus?lang=%65n", DEMO);
        assertEquals(200, menus.status(), menus.body());
    }

    @Test
    void aPortInUseIsOneLineNotAStackTrace() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (String flag : List.of("--port", "--ddb-port")) {
                StringWriter err = new StringWriter();
                String other = flag.equals("--port") ? "--ddb-port" : "--port";
                int exit = new CommandLine(new LocalApi())
                        .setErr(new PrintWriter(err, true))
                        .execute(other, "0", flag, Integer.toString(busy.getLocalPort()));
                assertEquals(2, exit, err.toString());
                String[] lines = err.toString().strip().split("\n");
                assertEquals(1, lines.length, err.toString());
                assertTrue(
                        lines[0].startsWith("error: ") && lines[0].contains(Integer.toString(busy.getLocalPort())),
                        lines[0]);
            }
        }
    }

    private static Path templateFile() {
        return dev.contactcenter.testkit.TemplateRoutes.templatePath();
    }

    /** A request written on a socket as is: java.net.URI refuses these targets before they are sent. */
    record Raw(int status, String headers, String body) {
        static Raw get(int port, String target, String authorization) throws IOException {
            return send(port, "GET", target, authorization);
        }

        static Raw send(int port, String method, String target, String authorization) throws IOException {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = socket.getOutputStream();
                out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                + "\r\nAuthorization: " + authorization
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                String response = all.toString(StandardCharsets.UTF_8);
                int split = response.indexOf("\r\n\r\n");
                String head = response.substring(0, split);
                return new Raw(Integer.parseInt(head.split(" ")[1]), head.toLowerCase(), response.substring(split + 4));
            }
        }

        JsonNode problem() throws IOException {
            return Json.parse(body);
        }
    }
}
