package dev.contactcenter.ops;

import dev.contactcenter.core.auth.PublishableKeyService;
import dev.contactcenter.core.domain.PublishableKey;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "create-publishable-key",
        description = "Creates a publishable key for browser widgets: GET /wait_times only, "
                + "only from the given origins. It is no secret: pages embed it.")
final class CreatePublishableKey extends TenantCommand {
    @Option(
            names = "--origin",
            required = true,
            paramLabel = "ORIGIN",
            description = "Repeatable: an exact origin the widget runs on, e.g. https://www.example.com.")
    List<String> origins;

    @Option(names = "--description", description = "Where the key is used (shown by list-publishable-keys).")
    String description;

    @Override
    public Integer call() {
        requireTenant();
        PublishableKey key = new PublishableKeyService(backend()).create(tenantId, origins, description);
        PrintWriter out = out();
        out.println("key_id   " + key.keyId());
        out.println("origins  " + String.join(" ", key.origins()));
        out.println("Embed it as data-key=\"" + key.keyId() + "\" (see docs/widget.md).");
        return 0;
    }
}
