package dev.contactcenter.core.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where webhooks may be sent. A tenant's URL must not make this service call into its own network
 * (SSRF): every address its host resolves to must be public, not loopback, private, link-local
 * (the cloud metadata service at 169.254.169.254 among them), unique-local, carrier-grade NAT,
 * multicast or unspecified. Checked at creation and again before every attempt, because DNS can
 * change. The local runtime alone may send plain http to localhost.
 */
public final class TargetPolicy {
    /** Resolves a host name; tests substitute a fixed answer to play DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final int MAX_URL_LENGTH = 2048;

    private final Resolver resolver;
    private final boolean localRuntime;

    public TargetPolicy(Resolver resolver, boolean localRuntime) {
        this.resolver = resolver;
        this.localRuntime = localRuntime;
    }

    /** Production: the system's resolver, https only, public addresses only. */
    public static TargetPolicy strict() {
        return new TargetPolicy(InetAddress::getAllByName, false);
    }

    /** The local runtime: also http://localhost (and 127.0.0.1, [::1]), for a receiver on this machine. */
    public static TargetPolicy localRuntime() {
        return new TargetPolicy(InetAddress::getAllByName, true);
    }

    /** Why the URL may not receive webhooks; empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        String host = uri.getHost();
        if (host == null || host.isEmpty() || !uri.isAbsolute() || uri.getRawUserInfo() != null) {
            return Optional.of("must be an absolute URL with a host and no user info");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        boolean localHost = isLocalHostName(host);
        if (localRuntime && localHost && (scheme.equals("http") || scheme.equals("https"))) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of(
                    localRuntime ? "must use https (or http://localhost in the local runtime)" : "must use https");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = internal(address);
            if (why.isPresent()) {
                return Optional.of("resolves to " + why.get() + " address " + address.getHostAddress()
                        + ", which webhooks may not reach");
            }
        }
        return Optional.empty();
    }

    private static boolean isLocalHostName(String host) {
        String h = host.toLowerCase();
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }

    /** What kind of non-public address this is, if it is one. */
    static Optional<String> internal(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("an unspecified");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of(isMetadata(a) ? "the metadata service's" : "a link-local");
        }
        if (a.isSiteLocalAddress()) {
            return Optional.of("a private");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) {
                return Optional.of("a reserved");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a carrier-grade NAT");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("a reserved");
            }
        } else if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                // fc00::/7, AWS's IPv6 metadata address fd00:ec2::254 among them
                return Optional.of(isMetadata(a) ? "the metadata service's" : "a unique-local");
            }
            if (isIpv4Translated(b)) {
                return Optional.of("an IPv4-translated");
            }
        }
        return Optional.empty();
    }

    private static boolean isMetadata(InetAddress a) {
        String text = a.getHostAddress();
        return text.equals("169.254.169.254") || text.equals("fd00:ec2:0:0:0:0:0:254");
    }

    /** ::ffff:a.b.c.d, 64:ff9b::a.b.c.d and ::a.b.c.d carry an IPv4 address the checks above did not see. */
    private static boolean isIpv4Translated(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        return zeroPrefix || nat64;
    }
}
