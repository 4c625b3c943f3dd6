package dev.contactcenter.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contactcenter.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What the local runtime serves besides the API: the widget script, a demo page using it against the demo
 * tenant, the OpenAPI contract (YAML, and JSON for the viewer) and the viewer at /docs. All from the jar:
 * the machine may have no internet, so nothing comes from a CDN.
 */
final class StaticContent {
    static final String WIDGET = "/widget/wait-times.js";
    static final String DEMO = "/demo";
    static final String SPEC = "/openapi.yaml";
    static final String SPEC_JSON = "/openapi.json";
    static final String DOCS = "/docs";

    private record Page(String contentType, String body) {}

    private final Map<String, Page> pages;

    /** @param demoApi the API base the demo page calls: another origin than the page, so CORS is exercised */
    StaticContent(String demoApi, String publishableKey) {
        String spec = text("/openapi.yaml");
        this.pages = Map.of(
                WIDGET, new Page("text/javascript; charset=utf-8", text("/widget/wait-times.js")),
                DEMO,
                        new Page(
                                "text/html; charset=utf-8",
                                text("/local-pages/demo.html")
                                        .replace("{{API}}", demoApi)
                                        .replace("{{KEY}}", publishableKey)),
                SPEC, new Page("application/yaml; charset=utf-8", spec),
                SPEC_JSON, new Page("application/json", toJson(spec)),
                DOCS, new Page("text/html; charset=utf-8", text("/local-pages/docs.html")));
    }

    /** The page at this path, or empty where the path is the API's. */
    Optional<APIGatewayProxyResponseEvent> serve(LocalRequest request) {
        Page page = pages.get(request.rawPath());
        if (page == null) {
            return Optional.empty();
        }
        String method = request.method();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Optional.of(
                    new APIGatewayProxyResponseEvent().withStatusCode(405).withHeaders(Map.of("Allow", "GET, HEAD")));
        }
        return Optional.of(new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", page.contentType(), "Cache-Control", "no-cache"))
                .withBody(page.body()));
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
}
