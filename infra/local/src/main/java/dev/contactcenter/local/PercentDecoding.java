package dev.contactcenter.local;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict %-decoding of a URL's path or query part: a malformed escape or invalid UTF-8 is refused, never guessed. */
final class PercentDecoding {
    private PercentDecoding() {}

    /** @param plusIsSpace true in a query (form encoding), false in a path */
    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%') {
                int high = i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
                int low = high >= 0 ? Character.digit(in[i + 2], 16) : -1;
                if (low < 0) {
                    String escape = new String(in, i, Math.min(3, in.length - i), StandardCharsets.UTF_8);
                    throw new IllegalArgumentException("'" + escape + "' is not a %-escape (% and two hex digits)");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(in[i] == '+' && plusIsSpace ? ' ' : in[i]);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("its %-escapes are not UTF-8");
        }
    }
}
