package dev.contactcenter.core.domain;

/** A caller id a queue may use for call-backs, and whether it may be used right now. */
public record OutboundNumber(String number, boolean available) {}
