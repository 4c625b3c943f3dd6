package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.contactcenter.core.domain.Languages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** infra/widget/wait-times.js is embedded in customers' pages: small, self-contained, in every supported language. */
class WidgetScriptTest {
    static final int MAX_GZIPPED_BYTES = 6 * 1024;

    private final String script = read();

    private static String read() {
        try {
            return Files.readString(Handlers.projectRoot().resolve("infra/widget/wait-times.js"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void isUnderSixKilobytesGzipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(script.getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf(
                "widget: %d bytes, %d gzipped%n", script.getBytes(StandardCharsets.UTF_8).length, bytes.size());
        assertTrue(bytes.size() < MAX_GZIPPED_BYTES, bytes.size() + " bytes gzipped");
    }

    @Test
    void speaksEverySupportedLanguageWithEveryPhrase() {
        Set<String> languages = new LinkedHashSet<>();
        Matcher row = Pattern.compile("^\\s+\"?([a-zA-Z-]+)\"?: \\[(\"[^\\]]*\")\\],?$", Pattern.MULTILINE)
                .matcher(script);
        while (row.find()) {
            languages.add(row.group(1));
            assertEquals(
                    8,
                    row.group(2).split("\", \"").length,
                    "phone, chat, about, under, unavailable, fallback, label, opens at: " + row.group(1));
            assertTrue(row.group(2).contains("{n}"), row.group(1) + " words 'about N min'");
            assertTrue(row.group(2).contains("{t}"), row.group(1) + " words 'opens at {t}'");
        }
        assertEquals(Languages.SUPPORTED, List.copyOf(languages));
    }

    @Test
    void dependsOnNothingAndWritesNoMarkup() {
        for (String banned :
                new String[] {"import ", "require(", "innerHTML", "eval(", "document.write", "http://", "https://cdn"
                }) {
            assertFalse(script.replaceAll("(?s)/\\*!.*?\\*/", "").contains(banned), banned);
        }
    }
}
