package dev.contactcenter.core.http;

/** One offending field (or query parameter) and what is wrong with it. */
public record FieldError(String field, String detail) {
}
