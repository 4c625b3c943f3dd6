package dev.contactcenter.core.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The tenant's settings and how each one is validated. PATCH applies RFC 7396 merge semantics: a key
 * set to null goes back to its default; keys not listed here are refused.
 */
public final class TenantSettings {
    public static final String GLOBAL_NUMBER = "global_number";
    public static final String PHONE_NUMBERS = "phone_numbers";
    public static final String CRM_TICKET_URL_TEMPLATE = "crm_ticket_url_template";
    public static final String DUPLICATE_CALLBACK_POLICY = "duplicate_callback_policy";
    /** How many days ahead a call-back may be scheduled (default 14). */
    public static final String SCHEDULING_HORIZON_DAYS = "scheduling_horizon_days";
    /** An immediate call-back for a closed queue: {@code reject} (default) or {@code schedule_at_open}. */
    public static final String CLOSED_QUEUE_CALLBACKS = "closed_queue_callbacks";

    public static final int DEFAULT_HORIZON_DAYS = 14;
    /** Browser origins from which the tenant's secret keys are accepted (see BrowserAccess); default none. */
    public static final String ALLOWED_ORIGINS = "allowed_origins";

    /** key -> validator adding errors for a non-null value; features add their settings here */
    private static final Map<String, BiConsumer<JsonNode, List<FieldError>>> RULES = new LinkedHashMap<>();

    static {
        RULES.put(GLOBAL_NUMBER, (value, errors) -> {
            if (!value.isTextual() || !PhoneNumbers.isE164(value.textValue())) {
                errors.add(
                        new FieldError(GLOBAL_NUMBER, "'global_number' must be an E.164 number such as +14155550100."));
            }
        });
        RULES.put(PHONE_NUMBERS, (value, errors) -> {
            if (!value.isArray()) {
                errors.add(new FieldError(PHONE_NUMBERS, "'phone_numbers' must be an array of E.164 numbers."));
                return;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode n = value.get(i);
                if (!n.isTextual() || !PhoneNumbers.isE164(n.textValue())) {
                    errors.add(new FieldError(
                            PHONE_NUMBERS + "[" + i + "]", "Each phone number must be E.164, such as +14155550100."));
                } else if (!seen.add(n.textValue())) {
                    errors.add(new FieldError(PHONE_NUMBERS + "[" + i + "]", "Duplicate phone number."));
                }
            }
            if (value.size() > 1000) {
                errors.add(new FieldError(PHONE_NUMBERS, "At most 1000 phone numbers."));
            }
        });
        RULES.put(CRM_TICKET_URL_TEMPLATE, (value, errors) -> {
            if (!value.isTextual()
                    || !value.textValue().matches("https://[^\\s{}]+\\{ticket_id\\}[^\\s{}]*")
                    || value.textValue().length() > 500) {
                errors.add(
                        new FieldError(
                                CRM_TICKET_URL_TEMPLATE,
                                "'crm_ticket_url_template' must be an https URL containing {ticket_id}, such as https://crm.example.com/tickets/{ticket_id}."));
            }
        });
        RULES.put(DUPLICATE_CALLBACK_POLICY, (value, errors) -> {
            if (!value.isTextual()
                    || !(value.textValue().equals("reject") || value.textValue().equals("allow"))) {
                errors.add(new FieldError(
                        DUPLICATE_CALLBACK_POLICY, "'duplicate_callback_policy' must be 'reject' or 'allow'."));
            }
        });
        RULES.put(SCHEDULING_HORIZON_DAYS, (value, errors) -> {
            if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 365) {
                errors.add(new FieldError(
                        SCHEDULING_HORIZON_DAYS, "'scheduling_horizon_days' must be an integer from 1 to 365."));
            }
        });
        RULES.put(CLOSED_QUEUE_CALLBACKS, (value, errors) -> {
            if (!value.isTextual()
                    || !(value.textValue().equals("reject") || value.textValue().equals("schedule_at_open"))) {
                errors.add(new FieldError(
                        CLOSED_QUEUE_CALLBACKS, "'closed_queue_callbacks' must be 'reject' or 'schedule_at_open'."));
            }
        });
        RULES.put(ALLOWED_ORIGINS, (value, errors) -> {
            List<String> origins = new ArrayList<>();
            value.forEach(o -> origins.add(o.isTextual() ? o.textValue() : null));
            if (!value.isArray()) {
                errors.add(new FieldError(
                        ALLOWED_ORIGINS,
                        "'allowed_origins' must be an array of origins such as https://admin.example.com."));
            } else {
                errors.addAll(Origins.validate(ALLOWED_ORIGINS, origins, 0));
            }
        });
    }

    private TenantSettings() {}

    public static Set<String> keys() {
        return RULES.keySet();
    }

    public static ObjectNode defaults() {
        ObjectNode settings = Json.object();
        settings.putNull(GLOBAL_NUMBER);
        settings.set(PHONE_NUMBERS, Json.array());
        settings.putNull(CRM_TICKET_URL_TEMPLATE);
        settings.put(DUPLICATE_CALLBACK_POLICY, "reject");
        settings.set(ALLOWED_ORIGINS, Json.array());
        settings.put(SCHEDULING_HORIZON_DAYS, DEFAULT_HORIZON_DAYS);
        settings.put(CLOSED_QUEUE_CALLBACKS, "reject");
        return settings;
    }

    /** Applies a merge patch to the current settings; returns the errors, empty if the result is valid. */
    public static List<FieldError> merge(ObjectNode current, ObjectNode patch) {
        List<FieldError> errors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            BiConsumer<JsonNode, List<FieldError>> rule = RULES.get(e.getKey());
            if (rule == null) {
                errors.add(new FieldError(
                        e.getKey(), "Unknown setting. Known settings: " + String.join(", ", RULES.keySet()) + "."));
            } else if (e.getValue().isNull()) {
                current.set(e.getKey(), defaults().get(e.getKey()));
                if (current.get(e.getKey()) == null) {
                    current.remove(e.getKey());
                }
            } else {
                rule.accept(e.getValue(), errors);
                current.set(e.getKey(), e.getValue());
            }
        }
        // the global number is one of the numbers the tenant owns
        JsonNode global = current.get(GLOBAL_NUMBER);
        if (errors.isEmpty()
                && global != null
                && global.isTextual()
                && !inventory(current).contains(global.textValue())) {
            ArrayNode numbers = (ArrayNode) current.get(PHONE_NUMBERS);
            numbers.insert(0, global.textValue());
        }
        return errors;
    }

    public static Set<String> inventory(ObjectNode settings) {
        Set<String> owned = new HashSet<>();
        JsonNode numbers = settings.get(PHONE_NUMBERS);
        if (numbers != null) {
            for (JsonNode n : numbers) {
                owned.add(n.asText());
            }
        }
        return owned;
    }

    public static String globalNumber(ObjectNode settings) {
        return text(settings, GLOBAL_NUMBER);
    }

    /** The ticket's URL in the tenant's CRM, or null when no template is set. */
    public static String ticketUrl(ObjectNode settings, String ticketId) {
        String template = text(settings, CRM_TICKET_URL_TEMPLATE);
        return template == null
                ? null
                : template.replace(
                        "{ticket_id}", java.net.URLEncoder.encode(ticketId, java.nio.charset.StandardCharsets.UTF_8));
    }

    public static boolean rejectsDuplicateCallbacks(ObjectNode settings) {
        return !"allow".equals(text(settings, DUPLICATE_CALLBACK_POLICY));
    }

    public static int schedulingHorizonDays(ObjectNode settings) {
        JsonNode n = settings.get(SCHEDULING_HORIZON_DAYS);
        return n == null || !n.isIntegralNumber() ? DEFAULT_HORIZON_DAYS : n.asInt();
    }

    /** Whether an immediate call-back for a closed queue is scheduled at its next opening instead of refused. */
    public static boolean schedulesClosedQueueCallbacks(ObjectNode settings) {
        return "schedule_at_open".equals(text(settings, CLOSED_QUEUE_CALLBACKS));
    }

    public static List<String> allowedOrigins(ObjectNode settings) {
        List<String> origins = new ArrayList<>();
        JsonNode list = settings.get(ALLOWED_ORIGINS);
        if (list != null) {
            list.forEach(o -> origins.add(o.asText()));
        }
        return origins;
    }

    private static String text(ObjectNode settings, String key) {
        JsonNode n = settings.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
