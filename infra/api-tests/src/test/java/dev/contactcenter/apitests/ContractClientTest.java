package dev.contactcenter.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contactcenter.client.ApiException;
import dev.contactcenter.client.api.CallsApi;
import dev.contactcenter.client.api.DirectAccessPointsApi;
import dev.contactcenter.client.api.MenusApi;
import dev.contactcenter.client.api.MobileAppsApi;
import dev.contactcenter.client.api.SettingsApi;
import dev.contactcenter.client.api.WaitTimesApi;
import dev.contactcenter.client.model.Call;
import dev.contactcenter.client.model.CallInput;
import dev.contactcenter.client.model.CallInputTicketId;
import dev.contactcenter.client.model.Channel;
import dev.contactcenter.client.model.DapInput;
import dev.contactcenter.client.model.DirectAccessPoint;
import dev.contactcenter.client.model.Language;
import dev.contactcenter.client.model.Menu;
import dev.contactcenter.client.model.MenuInput;
import dev.contactcenter.client.model.MenuPatch;
import dev.contactcenter.client.model.MobileApp;
import dev.contactcenter.client.model.MobileAppInput;
import dev.contactcenter.client.model.PushCredentialsInput;
import dev.contactcenter.client.model.PushCredentialsInputFcm;
import dev.contactcenter.client.model.QueueEvent;
import dev.contactcenter.client.model.QueueEventOneOf;
import dev.contactcenter.client.model.QueueEventOneOf4;
import dev.contactcenter.client.model.QueueEvents;
import dev.contactcenter.client.model.QueueEventsResult;
import dev.contactcenter.client.model.SdkConfig;
import dev.contactcenter.client.model.SettingsPatch;
import dev.contactcenter.client.model.WaitTimeRow;
import dev.contactcenter.local.LocalApi;
import dev.contactcenter.local.LocalRuntime;
import dev.contactcenter.testkit.PushKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's flows through the Java client that openapi-generator builds from infra/openapi.yaml (target/, per build),
 * against a local runtime's demo tenant: what a developer who only has the contract gets. A route the generated client
 * cannot call, or an answer it cannot read, fails here.
 */
class ContractClientTest {
    static LocalRuntime runtime;
    static dev.contactcenter.client.ApiClient client;

    @BeforeAll
    static void start() {
        runtime = LocalApi.start(
                "--port",
                "0",
                "--ddb-port",
                "0",
                "--api-key",
                "client_key",
                "--api-secret",
                "client_secret",
                "--rate-limit",
                "0");
        String basic = "Basic "
                + Base64.getEncoder().encodeToString("client_key:client_secret".getBytes(StandardCharsets.UTF_8));
        client = new dev.contactcenter.client.ApiClient()
                .setScheme("http")
                .setHost("localhost")
                .setPort(runtime.port())
                .setBasePath("")
                .setRequestInterceptor(request -> request.header("Authorization", basic));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void menus_listNestEditAndDeleteAsTheReadmeShows() throws Exception {
        MenusApi menus = new MenusApi(client);
        List<Menu> inTreeOrder = menus.listMenus(null, Language.EN, null, null);
        assertEquals("Support", inTreeOrder.get(0).getName());
        assertEquals("Support / Technical / Internet", inTreeOrder.get(3).getMaterializedPath());

        List<Menu> nested = menus.listMenus(null, null, null, "true");
        Menu support = nested.get(0);
        assertEquals(
                List.of("Billing", "Technical"),
                support.getChildren().stream().map(Menu::getName).toList());

        Menu returns = menus.createMenu(new MenuInput()
                .name("Returns")
                .parentId(1L)
                .channels(Set.of(Channel.VOICE_CALL, Channel.CHAT))
                .languages(Set.of(Language.EN, Language.ES)));
        assertEquals(1L, returns.getParentId());
        assertEquals("Support / Returns", returns.getMaterializedPath());

        Menu billing = menus.patchMenu("2", new MenuPatch().name("Billing and payments"));
        assertEquals("Billing and payments", billing.getName());
        assertEquals(1L, billing.getParentId(), "a field the patch leaves out is kept");

        menus.deleteMenu(String.valueOf(returns.getId()));
        ApiException gone = assertThrows(ApiException.class, () -> menus.getMenu(String.valueOf(returns.getId())));
        assertEquals(404, gone.getCode());
        ApiException kept = assertThrows(ApiException.class, () -> menus.deleteMenu("3"));
        assertEquals(409, kept.getCode(), "a menu with children is kept: " + kept.getResponseBody());

        SettingsApi settings = new SettingsApi(client);
        assertEquals(
                "+14155550100",
                settings.patchSettings(new SettingsPatch().globalNumber("+14155550100"))
                        .getGlobalNumber());
    }

    @Test
    void aCallBackIsCreatedOnceAndReadBack() throws Exception {
        CallsApi calls = new CallsApi(client);
        String key = UUID.randomUUID().toString();
        CallInput callBack = new CallInput()
                .callType(CallInput.CallTypeEnum.INCOMING_CALL)
                .outboundNumber("+14155550101")
                .endUserNumber("+14155550177")
                .menuId(1L)
                .ticketId(new CallInputTicketId(177822));
        Call created = calls.createCall(callBack, key);
        assertEquals(Call.StatusEnum.QUEUED, created.getStatus());
        assertEquals("+14155550101", created.getOutboundNumber());
        assertEquals(created.getId(), calls.createCall(callBack, key).getId(), "the same Idempotency-Key: one call");

        Call read = calls.getCall(String.valueOf(created.getId()));
        assertEquals(1L, read.getSelectedMenu());
        assertNotNull(read.getPosition(), "a queued call-back knows its place in line");
        assertTrue(calls.listCalls("queued", "1", null, null, 10, null).getCalls().stream()
                .anyMatch(c -> c.getId().equals(created.getId())));
    }

    @Test
    void waitTimesFollowTheQueueEventsSent() throws Exception {
        WaitTimesApi waitTimes = new WaitTimesApi(client);
        OffsetDateTime now = OffsetDateTime.now();
        QueueEventsResult result = waitTimes.postQueueEvents(new QueueEvents()
                .addEventsItem(new QueueEvent(new QueueEventOneOf4()
                        .eventId("client-agent-1")
                        .type("agent_status")
                        .occurredAt(now.minusMinutes(5))
                        .agentId("ann")
                        .status(QueueEventOneOf4.StatusEnum.AVAILABLE)
                        .menuIds(List.of(10L, 11L))
                        .channels(Set.of(Channel.CHAT))))
                .addEventsItem(new QueueEvent(new QueueEventOneOf()
                        .eventId("client-contact-1")
                        .type("contact_queued")
                        .occurredAt(now.minusMinutes(1))
                        .menuId(11L)
                        .channel(QueueEventOneOf.ChannelEnum.CHAT)
                        .contactId("chat-2001"))));
        assertEquals(2, result.getAccepted().intValue(), String.valueOf(result.getRejected()));

        List<WaitTimeRow> rows = waitTimes.getWaitTimes(Language.EN, "10", null, null, null, null, null, null, null);
        WaitTimeRow returns =
                rows.stream().filter(r -> r.getMenuId() == 11L).findFirst().orElseThrow();
        assertEquals(1, returns.getLoggedInAgents().intValue(), "ann serves Website / Returns");
        assertTrue(returns.getChat() > 0, "a chat wait is estimated with the contact ahead in line: " + returns);
        assertTrue(returns.getEstimates().getChat().getEstimable());
        assertTrue(rows.stream().allMatch(r -> r.getMaterializedPath().startsWith("Website")), rows.toString());
    }

    @Test
    void aMobileAppIsRegisteredAssignedAndActivatedAndItsSdkSeesItsQueues() throws Exception {
        MobileAppsApi apps = new MobileAppsApi(client);
        JsonNode serviceAccount = PushKeys.serviceAccount();
        PushCredentialsInputFcm fcm = new PushCredentialsInputFcm()
                .type("service_account")
                .projectId(serviceAccount.path("project_id").asText())
                .clientEmail(serviceAccount.path("client_email").asText())
                .privateKey(serviceAccount.path("private_key").asText());
        serviceAccount.fields().forEachRemaining(f -> {
            if (!Set.of("type", "project_id", "client_email", "private_key").contains(f.getKey())) {
                fcm.putAdditionalProperty(f.getKey(), f.getValue().asText());
            }
        });
        MobileApp app = apps.createMobileApp(new MobileAppInput()
                .name("Shop")
                .androidPackageName("com.acme.shop")
                .fallbackPhoneNumber("+14155550123")
                .fallbackThreshold(new BigDecimal("0.3"))
                .push(new PushCredentialsInput().fcm(fcm)));
        assertEquals(MobileApp.StatusEnum.UNASSIGNED, app.getStatus());
        assertTrue(app.getPush().getFcm().getConfigured());
        assertFalse(app.getPush().getApns().getConfigured());

        DirectAccessPoint dap = new DirectAccessPointsApi(client)
                .createDap(
                        "7",
                        new DapInput()
                                .type(DapInput.TypeEnum.MOBILE_APP)
                                .name("Shop app")
                                .mobileAppId(app.getId()));
        assertEquals("in_app", dap.getStructure().getValue());
        MobileApp active = apps.activateMobileApp(String.valueOf(app.getId()));
        assertEquals(MobileApp.StatusEnum.ACTIVE, active.getStatus());
        assertEquals(7L, active.getDirectAccessPoints().getInApp().getMenuId());

        SdkConfig config = apps.getSdkConfig("com.acme.shop");
        assertEquals(app.getId(), config.getMobileAppId());
        assertEquals(7L, config.getMenuId());
        assertEquals("+14155550123", config.getFallbackPhoneNumber());

        List<Menu> seen = new MenusApi(client).listMenus("com.acme.shop", null, null, null);
        assertEquals(
                List.of("In-app help", "In-app help / Orders", "In-app help / Account"),
                seen.stream().map(Menu::getMaterializedPath).toList());
        List<WaitTimeRow> rows = new WaitTimesApi(client)
                .getWaitTimes(Language.EN, null, null, null, null, null, null, null, "com.acme.shop");
        assertTrue(rows.stream().allMatch(r -> r.getMaterializedPath().startsWith("In-app help")), rows.toString());
    }
}
