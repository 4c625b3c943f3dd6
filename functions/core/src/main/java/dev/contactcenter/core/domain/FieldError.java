package dev.contactcenter.core.domain;

/** One offending field (or query parameter) and what is wrong with it. */
public record FieldError(String field, String detail) {}
