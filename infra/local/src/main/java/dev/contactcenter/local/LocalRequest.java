package dev.contactcenter.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as it reached the local gateway, before any decoding: the path and query exactly as
 * sent, so that a malformed escape is the gateway's to refuse.
 */
record LocalRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    /** The last value of a header, by name in any case. */
    Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return Optional.of(h.getValue().get(h.getValue().size() - 1));
            }
        }
        return Optional.empty();
    }
}
