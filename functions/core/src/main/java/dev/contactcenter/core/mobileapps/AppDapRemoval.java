package dev.contactcenter.core.mobileapps;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Removes one of an app's direct access points with the app. DAP items belong to the {@code dap} package,
 * which implements this; the handler wires it in, so this package knows nothing of DAP storage.
 */
public interface AppDapRemoval {
    /** The writes, for the app's delete transaction; none if the DAP is already gone. */
    List<TransactWriteItem> remove(String tenantId, MobileApp.DapRef ref);
}
