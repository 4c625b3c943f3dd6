package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.local.LocalApi;
import dev.contactcenter.local.LocalRuntime;
import dev.contactcenter.testkit.TemplateRoutes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page of the local runtime in headless Chromium (Debian's chromium and chromium-driver; .ci/run
 * installs them): the widget shows what the API returns, follows queue events, falls back quietly, and
 * leaves nothing in the page's console. Skipped where Chromium is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WidgetBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String AUTH = ApiClient.basic("ak_widget_demo", "sk_widget_demo");

    static LocalRuntime runtime;
    static ApiClient api;
    static WebDriver browser;
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver): the widget's browser test is skipped."
                        + " Install Debian's chromium and chromium-driver (.ci/run does) to run it.");
        runtime = LocalApi.start(
                "--no-demo-traffic",
                "--port",
                "0",
                "--ddb-port",
                "0",
                "--rate-limit",
                "0",
                "--api-key",
                "ak_widget_demo",
                "--api-secret",
                "sk_widget_demo");
        api = new ApiClient(runtime.port());
        profile = Files.createTempDirectory("widget-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=900,700",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.get("http://localhost:" + runtime.port() + "/demo");
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void showsTheWaitsTheApiReturns() throws IOException {
        Map<String, String> expected = expectedPhoneWaits();
        assertTrue(expected.values().stream().allMatch("unavailable"::equals), "no agents yet: " + expected);
        awaitPhoneWaits(expected);
        WebElement box = browser.findElement(By.cssSelector("#support .ccw"));
        assertEquals("polite", box.getAttribute("aria-live"));
        assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void followsQueueEvents() throws IOException {
        String now = Instant.now().toString();
        JsonNode result = Json.parse(api.send(
                        "POST",
                        "/apps/api/v1/queue_events",
                        AUTH,
                        "{\"events\": ["
                                + "{\"event_id\": \"w-1\", \"type\": \"agent_status\", \"occurred_at\": \"" + now
                                + "\", \"agent_id\": \"ann\","
                                + " \"status\": \"available\", \"menu_ids\": [" + menuId("Support")
                                + "], \"channels\": [\"voice_call\"]},"
                                + "{\"event_id\": \"w-2\", \"type\": \"agent_status\", \"occurred_at\": \"" + now
                                + "\", \"agent_id\": \"bob\","
                                + " \"status\": \"busy\", \"menu_ids\": [" + menuId("Sales")
                                + "], \"channels\": [\"voice_call\"]},"
                                + queued("w-3", "c-1", "Sales", now) + "," + queued("w-4", "c-2", "Sales", now) + ","
                                + queued("w-5", "c-3", "Sales", now)
                                + "]}")
                .body());
        assertEquals(5, result.path("accepted").asInt(), result.toString());
        Map<String, String> expected = expectedPhoneWaits();
        assertEquals("under 1 min", expected.get("Support"), expected.toString());
        assertTrue(expected.get("Sales").matches("about \\d+ min"), expected.toString());
        // the widget waits out the response's max-age (10 s) before it asks again
        awaitPhoneWaits(expected);
        assertNoConsoleErrors();
        screenshot("widget-demo.png");
    }

    @Test
    @Order(3)
    void speaksThePagesLanguage() {
        WebElement box = inject("es", runtime.widgetKey());
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> box.getText().contains("Teléfono: menos de 1 min"));
        assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void fallsBackQuietlyWhenTheApiRefuses() {
        WebElement box = inject("ja", "pk_unknown0000000000000000");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> box.getText().contains("現在、待ち時間を表示できません。"));
        // the refusal is logged by Chromium as a failed load; the widget itself throws nothing into the page
        List<LogEntry> uncaught = consoleErrors().stream()
                .filter(e -> e.getMessage().contains("Uncaught"))
                .toList();
        assertTrue(uncaught.isEmpty(), uncaught.toString());
        screenshot("widget-fallback.png");
    }

    @Test
    @Order(5)
    void theDocsViewerListsEveryOperationOfTheContract() {
        browser.get("http://localhost:" + runtime.port() + "/docs");
        int routes = TemplateRoutes.readDefault().routes().size();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.tagName("details")).size() == routes);
        assertTrue(browser.findElement(By.id("title")).getText().startsWith("Contact-center developer API"));
        assertNoConsoleErrors();
    }

    private static String queued(String eventId, String contactId, String menu, String at) throws IOException {
        return "{\"event_id\": \"" + eventId + "\", \"type\": \"contact_queued\", \"occurred_at\": \"" + at
                + "\", \"menu_id\": " + menuId(menu) + ", \"channel\": \"voice_call\", \"contact_id\": \"" + contactId
                + "\"}";
    }

    private static long menuId(String path) throws IOException {
        for (JsonNode menu :
                Json.parse(api.send("GET", "/apps/api/v1/menus", AUTH, null).body())) {
            if (menu.path("materialized_path").asText().equals(path)) {
                return menu.path("id").asLong();
            }
        }
        throw new AssertionError("demo tenant has no menu " + path);
    }

    /** The phone wait of each queue as the widget words it in English, from the API's own answer. */
    private static Map<String, String> expectedPhoneWaits() throws IOException {
        Map<String, String> waits = new LinkedHashMap<>();
        for (JsonNode row : Json.parse(
                api.send("GET", "/apps/api/v1/wait_times?lang=en", AUTH, null).body())) {
            if (row.has("voice_call")) {
                JsonNode seconds = row.path("voice_call");
                waits.put(
                        row.path("materialized_path").asText(),
                        seconds.isNull()
                                ? "unavailable"
                                : seconds.asLong() < 60
                                        ? "under 1 min"
                                        : "about " + Math.round(seconds.asLong() / 60.0) + " min");
            }
        }
        return waits;
    }

    private static void awaitPhoneWaits(Map<String, String> expected) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> expected.equals(shownPhoneWaits()));
    }

    /** Read in one script so the widget cannot replace the list halfway through. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> shownPhoneWaits() {
        Map<String, Object> shown = (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeScript("var shown = {};"
                        + " document.querySelectorAll('#support .ccw li').forEach(function (li) {"
                        + "   var phone = li.querySelector('[data-channel=voice_call]');"
                        + "   if (phone) shown[li.querySelector('.ccw-name').textContent] = phone.textContent.replace(/^Phone: /, '');"
                        + " }); return shown;");
        Map<String, String> waits = new LinkedHashMap<>();
        shown.forEach((queue, wait) -> waits.put(queue, String.valueOf(wait)));
        return waits;
    }

    /** A second widget on the page, as another site would embed it. */
    private static WebElement inject(String lang, String key) {
        String id = "w-" + lang;
        ((JavascriptExecutor) browser)
                .executeScript(
                        "var box = document.createElement('div'); box.id = arguments[0];"
                                + " document.body.appendChild(box); var s = document.createElement('script'); s.src = '/widget/wait-times.js';"
                                + " s.dataset.api = arguments[1]; s.dataset.key = arguments[2]; s.dataset.lang = arguments[3]; box.appendChild(s);",
                        id,
                        "http://127.0.0.1:" + runtime.port() + "/apps/api/v1",
                        key,
                        lang);
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.cssSelector("#" + id + " .ccw")));
    }

    private static List<LogEntry> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> errors = consoleErrors();
        assertTrue(errors.isEmpty(), "the page's console has errors: " + errors);
    }

    /** A test artifact in target/, for a look at what the browser rendered. */
    private static void screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("cannot save the screenshot", e);
        }
    }
}
