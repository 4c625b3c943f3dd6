package dev.contactcenter.ops;

import dev.contactcenter.core.menu.MenuStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "migrate-menu-listings",
        description = "Writes the listing (what GET /wait_times reads) of every menu of a tenant created before "
                + "listings existed, then marks its listings complete: until then its wait times read the whole menu "
                + "items, one more Query. Run once per tenant after deploying; safe to repeat.")
final class MigrateMenuListings extends TenantCommand {
    @Option(names = "--dry-run", description = "Only count the menus.")
    boolean dryRun;

    @Override
    public Integer call() {
        requireTenant();
        int written = new MenuStore(backend()).migrateListings(tenantId, dryRun);
        out().printf("%s %d menu listing(s) of tenant %s%n", dryRun ? "would write" : "wrote", written, tenantId);
        return 0;
    }
}
