package dev.contactcenter.core.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Web origins as browsers send them in {@code Origin}: scheme, host and a non-default port, nothing else.
 * Lists are compared exactly (no wildcards, no suffix matching), so a look-alike host never passes.
 */
public final class Origins {
    public static final int MAX_PER_LIST = 20;
    private static final Pattern ORIGIN = Pattern.compile(
            "https?://([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[1-9][0-9]{0,4})?");

    private Origins() {}

    public static boolean isValid(String origin) {
        return origin != null
                && origin.length() <= 253
                && ORIGIN.matcher(origin).matches()
                && !(origin.startsWith("https://") && origin.endsWith(":443"))
                && !(origin.startsWith("http://") && origin.endsWith(":80"));
    }

    /** The list's errors under {@code field}: each entry an origin as a browser sends it, no duplicates. */
    public static List<FieldError> validate(String field, List<String> origins, int minimum) {
        List<FieldError> errors = new ArrayList<>();
        if (origins.size() < minimum || origins.size() > MAX_PER_LIST) {
            errors.add(new FieldError(field, "Between " + minimum + " and " + MAX_PER_LIST + " origins."));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < origins.size(); i++) {
            String o = origins.get(i);
            if (!isValid(o)) {
                errors.add(
                        new FieldError(
                                field + "[" + i + "]",
                                "Each origin is scheme://host[:port] in lower case, as browsers "
                                        + "send it (no path, no trailing slash, no default port), e.g. https://www.example.com."));
            } else if (!seen.add(o)) {
                errors.add(new FieldError(field + "[" + i + "]", "Duplicate origin."));
            }
        }
        return errors;
    }

    /** Exact membership; a browser's Origin is already lower case, so no folding is done. */
    public static boolean allows(List<String> allowed, String origin) {
        return origin != null && allowed.contains(origin);
    }

    /** The space-separated form used in the authorizer context (origins contain no spaces). */
    public static String join(List<String> origins) {
        return String.join(" ", origins);
    }

    public static List<String> parse(String joined) {
        return joined == null || joined.isBlank()
                ? List.of()
                : List.of(joined.trim().split("\\s+"));
    }
}
