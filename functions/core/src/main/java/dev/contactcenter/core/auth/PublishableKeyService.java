package dev.contactcenter.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.FieldError;
import dev.contactcenter.core.domain.Origins;
import dev.contactcenter.core.domain.PublishableKey;
import dev.contactcenter.core.http.ApiException;
import dev.contactcenter.core.store.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Creating, listing and revoking publishable keys: the admin routes and the ops CLI share it. */
public final class PublishableKeyService {
    private static final Set<String> FIELDS = Set.of("origins", "description");

    private final Backend backend;
    private final PublishableKeyStore keys;

    public PublishableKeyService(Backend backend) {
        this.backend = backend;
        this.keys = new PublishableKeyStore(backend);
    }

    public PublishableKey create(String tenantId, List<String> origins, String description) {
        List<FieldError> errors = Origins.validate("origins", origins, 1);
        if (description != null && description.length() > 200) {
            errors.add(new FieldError("description", "At most 200 characters."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
        PublishableKey key = new PublishableKey(
                KeySecrets.newPublishableKeyId(),
                tenantId,
                origins,
                false,
                description,
                backend.clock().instant());
        keys.create(key);
        return key;
    }

    /** {@code {"origins": [...], "description": "..."}}. */
    public PublishableKey create(String tenantId, ObjectNode body) {
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "Unknown field; known: origins, description."));
            }
        });
        JsonNode origins = body.path("origins");
        JsonNode description = body.path("description");
        if (!origins.isArray()) {
            errors.add(new FieldError(
                    "origins", "'origins' is required: an array of origins such as https://www.example.com."));
        }
        if (!description.isMissingNode() && !description.isNull() && !description.isTextual()) {
            errors.add(new FieldError("description", "'description' must be a string."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(errors);
        }
        List<String> list = new ArrayList<>();
        origins.forEach(o -> list.add(o.isTextual() ? o.textValue() : ""));
        return create(tenantId, list, description.isTextual() ? description.textValue() : null);
    }

    public List<PublishableKey> list(String tenantId) {
        return keys.listForTenant(tenantId);
    }

    public void revoke(String tenantId, String keyId) {
        if (!KeySecrets.isPublishableKeyId(keyId) || !keys.revoke(tenantId, keyId)) {
            throw ApiException.notFound("No publishable key with that id.");
        }
    }

    public static ObjectNode toJson(PublishableKey key) {
        ObjectNode node = Json.object();
        node.put("id", key.keyId());
        ArrayNode origins = node.putArray("origins");
        key.origins().forEach(origins::add);
        node.put("description", key.description());
        node.put("revoked", key.revoked());
        node.put("created_at", key.createdAt().toString());
        return node;
    }

    public static ArrayNode toJson(List<PublishableKey> keys) {
        ArrayNode array = Json.array();
        keys.forEach(k -> array.add(toJson(k)));
        return array;
    }
}
