package dev.contactcenter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contactcenter.core.Json;
import dev.contactcenter.core.auth.ApiKeyStore;
import dev.contactcenter.core.auth.Authenticator;
import dev.contactcenter.core.auth.PublishableKeyStore;
import dev.contactcenter.core.domain.Menu;
import dev.contactcenter.core.domain.Scope;
import dev.contactcenter.core.menu.MenuService;
import dev.contactcenter.core.store.Attr;
import dev.contactcenter.core.store.Backend;
import dev.contactcenter.core.store.TableDesign;
import dev.contactcenter.core.tenant.TenantStore;
import dev.contactcenter.testkit.LocalDynamo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The ops CLI against DynamoDB Local, one fresh table per test. */
class OpsTest {
    record Run(int exit, String out, String err) {}

    private final List<String> issuedUsageKeys = new ArrayList<>();
    private Backend backend;

    @BeforeEach
    void freshTable() {
        backend = LocalDynamo.freshBackend();
    }

    private Run ops(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint", LocalDynamo.endpoint(), "--table", backend.table()));
        all.addAll(List.of(args));
        return opsWithout(all.toArray(String[]::new));
    }

    /** Exactly the given arguments: no endpoint, as on AWS. */
    private Run opsWithout(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Ops.commandLine(new Ops(region -> (tenant, plan) -> {
                    issuedUsageKeys.add(tenant + "@" + plan);
                    return "usage-key-of-" + tenant;
                }))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Authenticator.Decision authenticate(String keyId, String secret) {
        String basic =
                "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return new Authenticator(
                        new ApiKeyStore(backend), new PublishableKeyStore(backend), new TenantStore(backend), null)
                .authenticate(basic, null);
    }

    @Test
    void tenantKeyLifecycle() {
        Run tenant = ops("create-tenant", "acme", "--global-number", "+14155550100", "--phone-number", "+14155550101");
        assertEquals(0, tenant.exit(), tenant.err());
        assertEquals(
                "[\"+14155550100\",\"+14155550101\"]",
                new TenantStore(backend)
                        .get("acme")
                        .orElseThrow()
                        .settings()
                        .get("phone_numbers")
                        .toString());

        Run created = ops(
                "create-key", "acme", "--scope", "ewt:read", "--scope", "queue_events:write", "--description", "IVR");
        assertEquals(0, created.exit(), created.err());
        String keyId = field(created.out(), "key_id");
        String secret = field(created.out(), "secret");
        Authenticator.Decision allowed = authenticate(keyId, secret);
        assertEquals(Authenticator.Outcome.ALLOW, allowed.outcome());
        assertEquals(
                EnumSet.of(Scope.EWT_READ, Scope.QUEUE_EVENTS_WRITE),
                allowed.principal().scopes());

        Run listed = ops("list-keys", "acme");
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(
                listed.out().contains(keyId)
                        && listed.out().contains("active")
                        && listed.out().contains("IVR"),
                listed.out());
        assertFalse(listed.out().contains(secret), "list-keys never shows a secret");

        assertEquals(0, ops("revoke-key", "acme", keyId).exit());
        assertEquals(
                Authenticator.Outcome.UNAUTHORIZED, authenticate(keyId, secret).outcome());
        assertTrue(ops("list-keys", "acme").out().contains("revoked"));
    }

    @Test
    void migrateQueueStateMovesTheFirstShapesItemsOnceAndNeedsAnExistingTenant() {
        assertEquals(
                0,
                ops("create-tenant", "acme", "--global-number", "+14155550100").exit());
        long menu = new MenuService(backend)
                .create("acme", (ObjectNode)
                        Json.object().put("name", "Support").put("menu_type", "ivr_menu"))
                .id();
        Map<String, AttributeValue> old = new HashMap<>();
        old.put("PK", Attr.s(TableDesign.menusPk("acme")));
        old.put("SK", Attr.s("QUEUE#" + TableDesign.paddedId(menu)));
        old.put("type", Attr.s("queue_state"));
        old.put("c#x", Attr.s("voice_call 0 " + System.currentTimeMillis()));
        backend.dynamo().putItem(b -> b.tableName(backend.table()).item(old));

        Run dry = ops("migrate-queue-state", "acme", "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(
                dry.out().startsWith("would move 1 queue state item(s) of tenant acme: 1 waiting contact(s)"),
                dry.out());
        Run moved = ops("migrate-queue-state", "acme");
        assertTrue(moved.out().startsWith("moved 1 queue state item(s)"), moved.out());
        assertTrue(ops("migrate-queue-state", "acme").out().startsWith("moved 0 queue state item(s)"), "run twice");
        assertFailure(ops("migrate-queue-state", "nobody"), 1, "No tenant nobody.");
    }

    @Test
    void migrateMenuListingsWritesEveryMenusListingOnceAndNeedsAnExistingTenant() {
        assertEquals(0, ops("create-tenant", "acme").exit());
        MenuService menus = new MenuService(backend);
        menus.create("acme", (ObjectNode) Json.object().put("name", "Support").put("menu_type", "ivr_menu"));
        menus.create("acme", (ObjectNode) Json.object().put("name", "Billing").put("parent_id", 1));
        // as a tenant of the first version stores them: menu items only
        for (String sk : List.of("WT#", "WT#" + TableDesign.paddedId(1), "WT#" + TableDesign.paddedId(2))) {
            backend.dynamo()
                    .deleteItem(b -> b.tableName(backend.table())
                            .key(Map.of("PK", Attr.s(TableDesign.menusPk("acme")), "SK", Attr.s(sk))));
        }
        Run dry = ops("migrate-menu-listings", "acme", "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertEquals("would write 2 menu listing(s) of tenant acme", dry.out().strip());
        assertEquals(0, listings("acme"), "a dry run writes nothing");
        assertEquals(
                "wrote 2 menu listing(s) of tenant acme",
                ops("migrate-menu-listings", "acme").out().strip());
        assertEquals(3, listings("acme"), "two listings and the complete mark");
        assertEquals(
                "wrote 0 menu listing(s) of tenant acme",
                ops("migrate-menu-listings", "acme").out().strip());
        assertFailure(ops("migrate-menu-listings", "nobody"), 1, "No tenant nobody.");
    }

    private int listings(String tenant) {
        return backend.dynamo()
                .query(b -> b.tableName(backend.table())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :wt)")
                        .expressionAttributeValues(
                                Map.of(":pk", Attr.s(TableDesign.menusPk(tenant)), ":wt", Attr.s("WT#"))))
                .count();
    }

    @Test
    void publishableKeyLifecycle() {
        ops("create-tenant", "acme");
        Run created = ops(
                "create-publishable-key",
                "acme",
                "--origin",
                "https://www.acme.com",
                "--origin",
                "https://help.acme.com",
                "--description",
                "support site");
        assertEquals(0, created.exit(), created.err());
        String keyId = field(created.out(), "key_id");
        assertTrue(keyId.startsWith("pk_"), keyId);
        Authenticator.Decision allowed = publishable(keyId);
        assertEquals(Authenticator.Outcome.ALLOW, allowed.outcome());
        assertEquals(
                List.of("https://www.acme.com", "https://help.acme.com"),
                allowed.principal().allowedOrigins());

        Run listed = ops("list-publishable-keys", "acme");
        assertTrue(
                listed.out().contains(keyId)
                        && listed.out().contains("https://help.acme.com")
                        && listed.out().contains("active"),
                listed.out());
        assertEquals(0, ops("revoke-publishable-key", "acme", keyId).exit());
        assertEquals(Authenticator.Outcome.UNAUTHORIZED, publishable(keyId).outcome());
        assertTrue(ops("list-publishable-keys", "acme").out().contains("revoked"));

        assertFailure(ops("create-publishable-key", "acme", "--origin", "https://www.acme.com/"), 1, "origins[0]");
        assertFailure(ops("revoke-publishable-key", "globex", keyId), 1, "No publishable key");
    }

    private Authenticator.Decision publishable(String keyId) {
        return new Authenticator(
                        new ApiKeyStore(backend), new PublishableKeyStore(backend), new TenantStore(backend), null)
                .authenticate(null, keyId, null);
    }

    @Test
    void allScopesIsExplicit() {
        ops("create-tenant", "acme");
        Run created = ops("create-key", "acme", "--all-scopes");
        assertEquals(0, created.exit(), created.err());
        assertEquals(
                Scope.all(),
                authenticate(field(created.out(), "key_id"), field(created.out(), "secret"))
                        .principal()
                        .scopes());
    }

    @Test
    void importMenusCreatesTheTreeThroughMenuService(@TempDir Path dir) throws Exception {
        ops("create-tenant", "acme", "--phone-number", "+14155550100");
        Path file = Files.writeString(dir.resolve("menus.json"), """
                [{"name": "Support", "menu_type": "ivr_menu", "channels": ["voice_call"], "languages": ["en", "fr"],
                  "outbound_numbers": ["+14155550100"],
                  "children": [{"name": "Billing"}, {"name": "Technical", "children": [{"name": "Internet"}]}]},
                 {"name": "Chat", "menu_type": "web_menu", "channels": ["chat"]}]
                """);
        Run run = ops("import-menus", "acme", file.toString());
        assertEquals(0, run.exit(), run.err());

        List<Menu> menus = new MenuService(backend).list("acme", Optional.empty(), Optional.empty());
        assertEquals(
                List.of(
                        "Support",
                        "Support / Billing",
                        "Support / Technical",
                        "Support / Technical / Internet",
                        "Chat"),
                menus.stream().map(Menu::materializedPath).toList());
        assertEquals(List.of("en", "fr"), menus.get(3).languages(), "children inherit the parent's settings");
        for (Menu m : menus) {
            assertTrue(
                    run.out().contains(m.id() + "  " + m.menuType().wireName() + "  " + m.materializedPath()),
                    run.out());
        }
    }

    @Test
    void badInputFailsWithAClearMessage(@TempDir Path dir) throws Exception {
        assertFailure(ops("create-tenant", "Not_A_Label"), 1, "DNS label");
        assertFailure(ops("create-tenant", "acme", "--global-number", "555-0100"), 1, "global_number");
        assertEquals(0, ops("create-tenant", "acme").exit());
        assertFailure(ops("create-tenant", "acme"), 1, "already exists");

        assertFailure(ops("create-key", "acme"), 2, "--scope");
        assertFailure(ops("create-key", "acme", "--scope", "superuser"), 2, "unknown scope 'superuser'");
        assertFailure(ops("create-key", "nobody", "--all-scopes"), 1, "No tenant nobody");
        assertFailure(ops("revoke-key", "acme", "ak_missing"), 1, "has no key ak_missing");
        assertFailure(ops("list-keys", "nobody"), 1, "No tenant nobody");

        Path notJson = Files.writeString(dir.resolve("broken.json"), "[{\"name\": ");
        assertFailure(ops("import-menus", "acme", notJson.toString()), 1, "not valid JSON");
        Path invalid = Files.writeString(
                dir.resolve("invalid.json"),
                "[{\"name\": \"Support\", \"menu_type\": \"ivr_menu\", \"children\": [{\"name\": \"Billing\", \"colour\": \"red\"}]}]");
        Run refused = ops("import-menus", "acme", invalid.toString());
        assertFailure(
                refused,
                1,
                "$[0].children[0] was refused (1 menu(s) before it were created and kept): colour: Unknown field");
    }

    @Test
    void createTenantOnAwsNeedsTheUsagePlanAndStoresItsKey() {
        assertFailure(opsWithout("create-tenant", "acme"), 2, "--usage-plan-id is required on AWS");

        Run run = ops("create-tenant", "acme", "--usage-plan-id", "plan123");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("acme@plan123"), issuedUsageKeys);
        assertEquals(
                "usage-key-of-acme",
                new TenantStore(backend).get("acme").orElseThrow().usageKey());
        assertFalse(run.out().contains("usage-key-of-acme"), "the usage key value is not printed");
    }

    private static void assertFailure(Run run, int exit, String message) {
        assertEquals(exit, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(message), run.err());
    }

    private static String field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+(\\S+)$").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
