package dev.contactcenter.webhooks.dispatcher;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Lambda's stream images (the events library's attribute values) as the SDK's, which the item mappers read. */
final class StreamImages {
    private StreamImages() {}

    static Map<String, AttributeValue> toSdk(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) {
            return Map.of();
        }
        Map<String, AttributeValue> out = new HashMap<>(image.size() * 2);
        image.forEach((name, value) -> out.put(name, toSdk(value)));
        return out;
    }

    private static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        AttributeValue.Builder b = AttributeValue.builder();
        if (v.getS() != null) {
            b.s(v.getS());
        } else if (v.getN() != null) {
            b.n(v.getN());
        } else if (v.getBOOL() != null) {
            b.bool(v.getBOOL());
        } else if (v.getNULL() != null) {
            b.nul(v.getNULL());
        } else if (v.getB() != null) {
            b.b(bytes(v.getB()));
        } else if (v.getSS() != null) {
            b.ss(v.getSS());
        } else if (v.getNS() != null) {
            b.ns(v.getNS());
        } else if (v.getBS() != null) {
            List<SdkBytes> all = new ArrayList<>(v.getBS().size());
            v.getBS().forEach(x -> all.add(bytes(x)));
            b.bs(all);
        } else if (v.getM() != null) {
            b.m(toSdk(v.getM()));
        } else if (v.getL() != null) {
            List<AttributeValue> all = new ArrayList<>(v.getL().size());
            v.getL().forEach(x -> all.add(toSdk(x)));
            b.l(all);
        }
        return b.build();
    }

    private static SdkBytes bytes(ByteBuffer buffer) {
        return SdkBytes.fromByteBuffer(buffer.duplicate());
    }
}
