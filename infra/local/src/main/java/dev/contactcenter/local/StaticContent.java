package dev.contactcenter.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.contactcenter.core.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What the local runtime serves besides the API: the widget script, a demo page using it against the demo
 * tenant, the OpenAPI contract (YAML, and JSON for the viewer) and the viewer at /docs. All from the jar:
 * the machine may have no internet, so nothing comes from a CDN.
 */
final class StaticContent implements HttpHandler {
    static final String WIDGET = "/widget/wait-times.js";
    static final String DEMO = "/demo";
    static final String SPEC = "/openapi.yaml";
    static final String SPEC_JSON = "/openapi.json";
    static final String DOCS = "/docs";

    private record Page(String contentType, byte[] body) {
    }

    private final Map<String, Page> pages;

    /** @param demoApi the API base the demo page calls: another origin than the page, so CORS is exercised */
    StaticContent(String demoApi, String publishableKey) {
        String spec = text("/openapi.yaml");
        this.pages = Map.of(
                WIDGET, new Page("text/javascript; charset=utf-8", bytes(text("/widget/wait-times.js"))),
                DEMO, new Page("text/html; charset=utf-8", bytes(text("/local-pages/demo.html")
                        .replace("{{API}}", demoApi).replace("{{KEY}}", publishableKey))),
                SPEC, new Page("application/yaml; charset=utf-8", bytes(spec)),
                SPEC_JSON, new Page("application/json", bytes(toJson(spec))),
                DOCS, new Page("text/html; charset=utf-8", bytes(text("/local-pages/docs.html"))));
    }

    static List<String> paths() {
        return List.of(WIDGET, DEMO, SPEC, SPEC_JSON, DOCS);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Page page = pages.get(exchange.getRequestURI().getPath());
        String method = exchange.getRequestMethod();
        int status = page == null ? 404 : "GET".equals(method) || "HEAD".equals(method) ? 200 : 405;
        byte[] body = status == 200 ? page.body() : new byte[0];
        if (status == 200) {
            exchange.getResponseHeaders().set("Content-Type", page.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        }
        boolean bodyless = body.length == 0 || "HEAD".equals(method);
        exchange.sendResponseHeaders(status, bodyless ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!bodyless) {
                out.write(body);
            }
        }
    }

    private static String toJson(String yaml) {
        try {
            return Json.mapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.yaml is not valid YAML", e);
        }
    }

    private static String text(String resource) {
        try (InputStream in = StaticContent.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the local runtime's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
