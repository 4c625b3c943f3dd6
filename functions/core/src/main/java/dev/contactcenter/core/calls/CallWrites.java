package dev.contactcenter.core.calls;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The writes of one call-back transaction, each labelled with what it stands for, so that the write a
 * cancelled transaction failed on can be told to the client in its own words.
 */
final class CallWrites {
    static final String CALL = "call";
    static final String GUARD = "guard";
    static final String MENU = "menu";
    static final String TICKET = "ticket";
    static final String OPEN_TICKET = "open_ticket";
    static final String QUEUE = "queue";
    static final String IDEMPOTENCY = "idempotency";
    /** A place taken in a scheduled call-back's slot, and one given back. */
    static final String SLOT = "slot";

    static final String RELEASE = "release";

    private final List<TransactWriteItem> actions = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    void add(TransactWriteItem action, String label) {
        actions.add(action);
        labels.add(label);
    }

    void addAll(List<TransactWriteItem> more, String label) {
        more.forEach(a -> add(a, label));
    }

    List<TransactWriteItem> actions() {
        return actions;
    }

    String label(int index) {
        return labels.get(index);
    }
}
