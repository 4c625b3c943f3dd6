package dev.contactcenter.core.http;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Strong entity tags from the response body, and If-None-Match handling (RFC 9110, weak comparison). */
public final class ETags {
    private ETags() {}

    public static String of(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        // length plus checksum: cheap, and a collision needs an equal-length body
        return "\"" + Integer.toHexString(bytes.length) + "-" + Long.toHexString(crc.getValue()) + "\"";
    }

    /** Whether the client's If-None-Match names this tag (or is "*"). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** 200 with the tag of its body, or 304 when the client already has this representation. */
    public static ApiResponse conditional(ApiRequest request, ApiResponse ok, String cacheControl) {
        return conditional(request, ok, of(ok.body()), cacheControl);
    }

    /** The same with a tag the caller derived from the body's content (cheaper than checksumming it whole). */
    public static ApiResponse conditional(ApiRequest request, ApiResponse ok, String etag, String cacheControl) {
        ApiResponse response =
                matches(request.header("If-None-Match").orElse(null), etag) ? ApiResponse.notModified() : ok;
        return response.header("ETag", etag).header("Cache-Control", cacheControl);
    }
}
