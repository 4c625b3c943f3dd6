package dev.contactcenter.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.testkit.PushKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code sh} blocks of a markdown file, read as the shell reads them (quotes, line continuations, {@code ;},
 * pipes, {@code $VAR} and {@code $(...)}), and their curl commands sent to a local runtime as curl would send them.
 * What a reader pastes besides curl is honoured where an example depends on it: variable assignments, {@code jq -n}
 * building a body from a key file (the test supplies a fresh key of that kind), {@code jq -r .field} reading an
 * answer, {@code openssl rand} and {@code date}. Other commands (mvn, java, the ops CLI) are not curl examples and
 * are passed over.
 */
final class ShellExamples {
    /** The expected status: a comment "answers 409", or one that starts with the status ("# 204", "# -> 201 {...}"). */
    private static final Pattern STATUS =
            Pattern.compile("^#\\s*(?:->\\s*)?([1-5][0-9]{2})\\b|\\banswers ([1-5][0-9]{2})\\b");

    private static final String DOCUMENTED_BASE = "http://localhost:3000";
    /** Key files the examples read: a fresh key of the kind each file holds. */
    private static final Map<String, Supplier<String>> FILES =
            Map.of("AuthKey.p8", PushKeys::p8Key, "service-account.json", () -> Json.write(PushKeys.serviceAccount()));

    /** One curl request as sent, with what it answered and what its text says it answers. */
    record Exchange(String command, String method, String url, int status, Integer expected, String body) {
        boolean asDocumented() {
            return expected == null ? status / 100 == 2 : status == expected;
        }
    }

    /** A word and whether any part of it was quoted (an assignment's value, a jq filter). */
    private record Command(List<String> words, String comment, String text) {}

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<Exchange> exchanges = new ArrayList<>();
    private String lineComment = "";

    /** {@code base}: the runtime's http://host:port, in place of the documented http://localhost:3000. */
    ShellExamples(String base, Map<String, String> defaults) {
        this.base = base;
        variables.putAll(defaults);
    }

    /** Runs every sh block of {@code markdown} in order; the curl requests it sent. */
    List<Exchange> run(String markdown) throws IOException, InterruptedException {
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        while (block.find()) {
            for (String line : lines(block.group(1))) {
                execute(line);
            }
        }
        return exchanges;
    }

    /** The block's commands: newlines end one unless quoted or escaped; ';' ends one too. */
    static List<String> lines(String block) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        int parens = 0;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\\' && i + 1 < block.length() && block.charAt(i + 1) == '\n') {
                i++;
            } else if (c == '#'
                    && (current.isEmpty() || Character.isWhitespace(current.charAt(current.length() - 1)))) {
                int end = block.indexOf('\n', i);
                end = end < 0 ? block.length() : end;
                current.append(block, i, end);
                i = end - 1;
            } else if ((c == '\n' || c == ';') && parens == 0) {
                String command = current.toString();
                if (c == '\n'
                        && command.substring(
                                        0, command.length() - comment(command).length())
                                .strip()
                                .endsWith("|")) {
                    continue; // a pipe at the end of a line continues the pipeline on the next
                }
                if (!command.isBlank()) {
                    lines.add(current.toString().strip());
                }
                current.setLength(0);
            } else {
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '(') {
                    parens++;
                } else if (c == ')') {
                    parens--;
                }
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            lines.add(current.toString().strip());
        }
        return lines;
    }

    private String execute(String line) throws IOException, InterruptedException {
        // known before the words are expanded: a curl inside $(...) is held to its line's comment
        lineComment = comment(line);
        Command command = parse(line);
        List<String> words = command.words();
        if (words.isEmpty()) {
            return "";
        }
        Matcher assignment =
                Pattern.compile("([A-Z_][A-Z0-9_]*)=(.*)", Pattern.DOTALL).matcher(words.get(0));
        if (words.size() == 1 && assignment.matches()) {
            variables.put(assignment.group(1), assignment.group(2));
            return "";
        }
        return pipeline(words, command, null);
    }

    /** The line's trailing comment: from a '#' that starts a word outside quotes and $(...). */
    static String comment(String line) {
        char quote = 0;
        int parens = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
            } else if (c == '#' && parens == 0 && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(i);
            }
        }
        return "";
    }

    /** Commands separated by '|', each reading the one before's output. */
    private String pipeline(List<String> words, Command command, String input)
            throws IOException, InterruptedException {
        String output = input;
        int start = 0;
        for (int i = 0; i <= words.size(); i++) {
            if (i == words.size() || words.get(i).equals("|")) {
                output = program(words.subList(start, i), command, output);
                start = i + 1;
            }
        }
        return output;
    }

    private String program(List<String> words, Command command, String input) throws IOException, InterruptedException {
        return switch (words.get(0)) {
            case "curl" -> curl(words, command, input);
            case "jq" -> jq(words, input);
            default -> "";
        };
    }

    private String curl(List<String> words, Command command, String input) throws IOException, InterruptedException {
        String method = null;
        String url = null;
        String body = null;
        String writeOut = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-u" ->
                    headers.put(
                            "Authorization",
                            "Basic "
                                    + java.util.Base64.getEncoder()
                                            .encodeToString(words.get(++i).getBytes(StandardCharsets.UTF_8)));
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    headers.put(header[0], header[1]);
                }
                case "-d", "--data" -> {
                    String data = words.get(++i);
                    body = data.equals("@-") ? input : data;
                }
                case "-w" -> writeOut = words.get(++i);
                case "-o" -> i++;
                case "-s", "-i", "-g", "-sS" -> {}
                default -> url = words.get(i);
            }
        }
        if (url == null || !url.startsWith(DOCUMENTED_BASE)) {
            throw new AssertionError("a curl example without a " + DOCUMENTED_BASE + " URL: " + command.text());
        }
        if (method == null) {
            method = body == null ? "GET" : "POST";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + url.substring(DOCUMENTED_BASE.length())))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/x-www-form-urlencoded"); // curl's default for -d
        }
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher status = STATUS.matcher(command.comment().isEmpty() ? lineComment : command.comment());
        Integer expected =
                status.find() ? Integer.valueOf(status.group(1) != null ? status.group(1) : status.group(2)) : null;
        exchanges.add(new Exchange(command.text(), method, url, response.statusCode(), expected, response.body()));
        if (writeOut != null) {
            Matcher header = Pattern.compile("%header\\{([^}]+)}").matcher(writeOut);
            return header.matches()
                    ? response.headers().firstValue(header.group(1)).orElse("")
                    : writeOut.replace("%{http_code}", Integer.toString(response.statusCode()));
        }
        return response.body();
    }

    /** {@code jq -n [--rawfile|--slurpfile|--arg NAME X]... FILTER} building a body, or {@code jq -r .field}. */
    private static String jq(List<String> words, String input) throws IOException {
        Map<String, String> bound = new LinkedHashMap<>();
        String filter = null;
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-n", "-r", "-c" -> {}
                case "--rawfile" ->
                    bound.put(
                            "$" + words.get(++i),
                            Json.write(Json.mapper().getNodeFactory().textNode(file(words.get(++i)))));
                case "--slurpfile" -> bound.put("$" + words.get(++i) + "[0]", file(words.get(++i)));
                case "--arg" ->
                    bound.put(
                            "$" + words.get(++i),
                            Json.write(Json.mapper().getNodeFactory().textNode(words.get(++i))));
                default -> filter = words.get(i);
            }
        }
        if (filter == null) {
            throw new AssertionError("jq without a filter: " + words);
        }
        if (filter.startsWith(".") && input != null) {
            JsonNode node = Json.parse(input);
            for (String field : filter.substring(1).split("\\.")) {
                node = node.path(field);
            }
            return node.isValueNode() ? node.asText() : Json.write(node);
        }
        // an object filter: its bare keys quoted and its variables bound make it JSON
        String json = filter.replaceAll("([{,]\\s*)([A-Za-z_][A-Za-z0-9_]*)\\s*:", "$1\"$2\":");
        for (var binding : bound.entrySet()) {
            json = json.replace(binding.getKey(), binding.getValue());
        }
        return Json.write(Json.parse(json));
    }

    private static String file(String name) {
        Supplier<String> content = FILES.get(name);
        if (content == null) {
            throw new AssertionError("an example reads " + name + ", which the test does not know how to supply");
        }
        return content.get();
    }

    /** Words as the shell splits them: quotes, $VAR, ${VAR} and $(...) expanded, and the trailing comment. */
    private Command parse(String line) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        String comment = "";
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int end = i + 1;
                StringBuilder quoted = new StringBuilder();
                while (line.charAt(end) != '"') {
                    if (line.charAt(end) == '\\' && "\"\\$".indexOf(line.charAt(end + 1)) >= 0) {
                        end++;
                    }
                    quoted.append(line.charAt(end++));
                }
                word.append(expand(quoted.toString()));
                i = end;
                inWord = true;
            } else if (c == '$') {
                int end = variableEnd(line, i);
                word.append(expand(line.substring(i, end)));
                i = end - 1;
                inWord = true;
            } else if (c == '#' && !inWord) {
                comment = line.substring(i);
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '|' && !inWord) {
                words.add("|");
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return new Command(words, comment, line);
    }

    private static int variableEnd(String text, int dollar) {
        if (text.startsWith("$(", dollar)) {
            int depth = 0;
            char quote = 0;
            for (int i = dollar + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return i + 1;
                }
            }
            throw new AssertionError("unbalanced $( in " + text);
        }
        if (text.startsWith("${", dollar)) {
            return text.indexOf('}', dollar) + 1;
        }
        int end = dollar + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    /** $VAR, ${VAR} and $(command) within a text (an unquoted run or a double-quoted string). */
    private String expand(String text) throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '$' || i + 1 == text.length()) {
                out.append(text.charAt(i));
                continue;
            }
            int end = variableEnd(text, i);
            String reference = text.substring(i, end);
            if (reference.startsWith("$(")) {
                out.append(substitute(reference.substring(2, reference.length() - 1)));
            } else {
                String name = reference.replaceAll("[${}]", "");
                if (!variables.containsKey(name)) {
                    throw new AssertionError("an example uses $" + name + ", which no example before it sets");
                }
                out.append(variables.get(name));
            }
            i = end - 1;
        }
        return out.toString();
    }

    /** $(...): a curl pipeline, openssl rand or date; the output's trailing newline dropped as the shell does. */
    private String substitute(String inner) throws IOException, InterruptedException {
        Command command = parse(inner);
        List<String> words = command.words();
        if (words.get(0).equals("openssl")
                && words.get(1).equals("rand")
                && words.get(2).equals("-hex")) {
            byte[] bytes = new byte[Integer.parseInt(words.get(3))];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
        if (words.get(0).equals("date")) {
            Process date = new ProcessBuilder(words).redirectErrorStream(true).start();
            String out = new String(date.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!date.waitFor(10, TimeUnit.SECONDS) || date.exitValue() != 0) {
                throw new AssertionError(inner + ": " + out);
            }
            return out.strip();
        }
        return pipeline(words, command, null).strip();
    }
}
