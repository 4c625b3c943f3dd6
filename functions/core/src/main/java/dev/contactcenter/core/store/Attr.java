package dev.contactcenter.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers for the hand-written item mappers: build and read attribute values without reflection. */
public final class Attr {
    private Attr() {}

    public static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    public static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    public static AttributeValue bool(boolean value) {
        return AttributeValue.builder().bool(value).build();
    }

    public static AttributeValue strings(List<String> values) {
        List<AttributeValue> list = new ArrayList<>(values.size());
        for (String v : values) {
            list.add(s(v));
        }
        return AttributeValue.builder().l(list).build();
    }

    public static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static long number(Map<String, AttributeValue> item, String name, long fallback) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? fallback : Long.parseLong(v.n());
    }

    public static Long numberOrNull(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Long.parseLong(v.n());
    }

    public static boolean bool(Map<String, AttributeValue> item, String name, boolean fallback) {
        AttributeValue v = item.get(name);
        return v == null || v.bool() == null ? fallback : v.bool();
    }

    public static List<String> stringList(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || !v.hasL()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(v.l().size());
        for (AttributeValue e : v.l()) {
            out.add(e.s());
        }
        return out;
    }
}
