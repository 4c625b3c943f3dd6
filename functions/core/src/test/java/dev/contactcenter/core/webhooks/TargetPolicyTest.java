package dev.contactcenter.core.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SSRF refusals: every address kind a webhook may not reach, by literal and by a name resolving to it. */
class TargetPolicyTest {
    static TargetPolicy resolvingTo(String address, boolean local) {
        return new TargetPolicy(
                host -> {
                    if (host.equals("hooks.example.com")) {
                        return new InetAddress[] {InetAddress.getByName(address)};
                    }
                    return InetAddress.getAllByName(host);
                },
                local);
    }

    static final TargetPolicy STRICT = resolvingTo("93.184.215.14", false);

    @Test
    void refusal_literalInternalAddresses_refused() {
        for (String url : new String[] {
            "https://127.0.0.1/hook",
            "https://10.1.2.3/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook",
            "https://172.16.0.9/",
            "https://192.168.1.1/",
            "https://[fd00:ec2::254]/",
            "https://[fe80::1]/",
            "https://0.0.0.0/",
            "https://100.64.0.1/",
            "https://[::ffff:127.0.0.1]/"
        }) {
            Optional<String> why = STRICT.refusal(url);
            assertTrue(why.isPresent() && why.get().contains("may not reach"), url + " -> " + why);
        }
    }

    @Test
    void refusal_metadataAddress_namedAsSuch() {
        assertTrue(STRICT.refusal("https://169.254.169.254/").orElseThrow().contains("metadata"));
    }

    @Test
    void refusal_dnsNameResolvingToInternalAddresses_refused() throws UnknownHostException {
        for (String address : new String[] {"127.0.0.1", "10.0.0.5", "169.254.169.254", "::1"}) {
            Optional<String> why = resolvingTo(address, false).refusal("https://hooks.example.com/in");
            assertTrue(why.isPresent(), address + " -> " + why);
            assertTrue(why.get().contains(InetAddress.getByName(address).getHostAddress()), why.get());
        }
        // a real name of this machine's resolver
        assertTrue(STRICT.refusal("https://localhost/hook").isPresent());
    }

    @Test
    void refusal_publicHttps_accepted() {
        assertEquals(Optional.empty(), STRICT.refusal("https://hooks.example.com/in?tenant=1"));
    }

    @Test
    void refusal_plainHttpUserInfoOrNoHost_refused() {
        assertTrue(STRICT.refusal("http://hooks.example.com/in").orElseThrow().contains("https"));
        assertTrue(STRICT.refusal("https://user:pw@hooks.example.com/").isPresent());
        assertTrue(STRICT.refusal("hooks.example.com/in").isPresent());
        assertTrue(STRICT.refusal("ftp://hooks.example.com/").isPresent());
        assertTrue(STRICT.refusal("https://exa mple.com/").isPresent());
    }

    @Test
    void refusal_httpLocalhost_onlyInTheLocalRuntime() {
        assertTrue(STRICT.refusal("http://localhost:9000/hook").isPresent());
        TargetPolicy local = resolvingTo("93.184.215.14", true);
        assertEquals(Optional.empty(), local.refusal("http://localhost:9000/hook"));
        assertEquals(Optional.empty(), local.refusal("http://127.0.0.1:9000/hook"));
        // elsewhere the local runtime applies the same rules
        assertTrue(local.refusal("http://hooks.example.com/in").isPresent());
        assertTrue(local.refusal("https://10.0.0.1/").isPresent());
    }
}
