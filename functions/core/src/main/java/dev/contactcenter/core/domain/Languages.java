package dev.contactcenter.core.domain;

import java.util.List;

/** The queue-structure languages the vendor documents; codes are case-sensitive. */
public final class Languages {
    public static final List<String> SUPPORTED = List.of("en", "es", "fr", "de", "it", "ja", "ko", "pt", "pt-BR", "sv");

    private Languages() {}

    public static boolean isSupported(String code) {
        return SUPPORTED.contains(code);
    }
}
