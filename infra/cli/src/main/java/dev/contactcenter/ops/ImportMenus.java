package dev.contactcenter.ops;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.menu.MenuService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "import-menus",
        description = "Creates a tenant's menu tree from a JSON file: "
                + "[{\"name\": .., \"menu_type\": .., \"channels\": .., \"languages\": .., \"children\": [..]}].")
final class ImportMenus extends TenantCommand {
    @Parameters(index = "1", paramLabel = "FILE.json")
    Path file;

    @Override
    public Integer call() throws IOException {
        JsonNode tree;
        try {
            tree = Json.parse(Files.readString(file));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        MenuService menus = new MenuService(backend());
        requireTenant();
        PrintWriter out = out();
        for (Menu menu : new MenuImport(menus).importTree(tenantId, tree)) {
            out.println(menu.id() + "  " + menu.menuType().wireName() + "  " + menu.materializedPath());
        }
        return 0;
    }
}
