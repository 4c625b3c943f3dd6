package dev.contactcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.testkit.TemplateRoutes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's curl examples, run in order against a fresh local runtime's demo tenant as a new user would paste
 * them: each answers 2xx, or the status its comment names ("# answers 409").
 */
class ReadmeExamplesTest {
    private static final String API = "/apps/api/v1";
    /** A comment "# answers 409" states the status; without one an example must succeed. */
    private static final Pattern STATUS_COMMENT = Pattern.compile("#.*\\banswers (\\d{3})\\b");

    private static LocalRuntime runtime;
    private static Http http;

    @BeforeAll
    static void start() {
        runtime = LocalApi.start(
                "--port", "0", "--api-key", "demo_key", "--api-secret", "demo_secret", "--rate-limit", "0");
        http = new Http(runtime.port());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** One curl command of README: method, path, headers and body, and the status it should get. */
    record Example(
            String command, String method, String path, Map<String, String> headers, String body, Integer status) {}

    @Test
    void everyCurlExampleOfTheReadmeWorksOnTheDemoTenant() throws Exception {
        List<Example> examples =
                examples(Files.readString(TemplateRoutes.templatePath().resolveSibling("README.md")));
        assertTrue(examples.size() >= 8, "README's curl examples: " + examples.size());
        for (Example example : examples) {
            HttpResponse<String> response =
                    http.send(example.method(), example.path(), example.headers(), example.body());
            if (example.status() != null) {
                assertEquals(
                        example.status().intValue(), response.statusCode(), example.command() + "\n" + response.body());
            } else {
                assertTrue(
                        response.statusCode() / 100 == 2,
                        example.command() + "\nanswered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    /** The curl commands using $API in README's sh blocks, continuation lines joined. */
    static List<Example> examples(String readme) {
        List<Example> examples = new ArrayList<>();
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            String joined = block.group(1).replace("\\\n", " ");
            for (String line : joined.split("\n")) {
                if (line.strip().startsWith("curl ") && line.contains("$API")) {
                    examples.add(parse(line.strip()));
                }
            }
        }
        return examples;
    }

    private static Example parse(String command) {
        List<String> words = words(command);
        String method = "GET";
        String url = null;
        String body = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "-u" -> {
                    assertEquals("$AUTH", words.get(++i), command);
                    headers.put("Authorization", Http.basic("demo_key", "demo_secret"));
                }
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    headers.put(header[0], header[1]);
                }
                case "-d" -> body = words.get(++i);
                default -> url = w;
            }
        }
        assertFalse(url == null || !url.startsWith("$API"), command);
        Matcher status = STATUS_COMMENT.matcher(command.contains("#") ? command.substring(command.indexOf('#')) : "");
        return new Example(
                command,
                method,
                API + url.substring("$API".length()),
                headers,
                body,
                status.find() ? Integer.valueOf(status.group(1)) : null);
    }

    /** Shell words: single and double quotes, and a trailing comment dropped. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void theParserReadsTheHeadlineCallBackExample() throws IOException {
        List<Example> examples =
                examples(Files.readString(TemplateRoutes.templatePath().resolveSibling("README.md")));
        Example callBack = examples.stream()
                .filter(e -> e.path().equals(API + "/calls"))
                .findFirst()
                .orElseThrow();
        assertEquals("POST", callBack.method());
        assertEquals("2f1c7a52-4c1e-4a8e-9d5e-1b2c3d4e5f60", callBack.headers().get("Idempotency-Key"));
        assertTrue(callBack.body().contains("\"outbound_number\":\"+14155550101\""), callBack.body());
    }
}
