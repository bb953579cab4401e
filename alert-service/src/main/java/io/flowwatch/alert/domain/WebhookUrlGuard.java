package io.flowwatch.alert.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses webhook URLs that would make the alert service call into its own network (SSRF): a URL must be http(s)
 * with a host, and every address the host resolves to must be public — not loopback, private, unique-local,
 * link-local, unspecified, multicast, carrier-grade NAT or the cloud metadata address — unless the operator's
 * allow-list (CIDR blocks such as {@code 10.1.0.0/16}, or exact host names) permits it.
 *
 * <p>The check runs against what the host resolves to now; the sender should connect to the checked addresses,
 * or check again at delivery, since DNS answers can change.
 */
public final class WebhookUrlGuard {

    /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Whether a URL may be used, and if not, why.
     *
     * @param addresses the checked addresses the host resolved to, which a sender should connect to (so that a DNS
     *     answer that changes between check and connect cannot lead elsewhere); empty when refused, and when the
     *     host name itself is on the allow-list (then it is not resolved here)
     */
    public record Verdict(boolean allowed, String reason, List<InetAddress> addresses) {
        public Verdict {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }

        static Verdict allow() {
            return new Verdict(true, null, List.of());
        }

        static Verdict allow(InetAddress[] addresses) {
            return new Verdict(true, null, Arrays.asList(addresses));
        }

        static Verdict refuse(String reason) {
            return new Verdict(false, reason, List.of());
        }
    }

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final byte[] METADATA = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};

    private final List<Cidr> allowedBlocks = new ArrayList<>();
    private final Set<String> allowedHosts;
    private final Resolver resolver;

    /** A guard that resolves with the system DNS. */
    public WebhookUrlGuard(List<String> allowList) {
        this(allowList, InetAddress::getAllByName);
    }

    /** @param allowList CIDR blocks ({@code 192.168.5.0/24}, {@code fd00::/8}) and exact host names */
    public WebhookUrlGuard(List<String> allowList, Resolver resolver) {
        this.resolver = resolver;
        List<String> entries = allowList == null ? List.of() : allowList;
        entries.stream().filter(e -> e.contains("/")).map(Cidr::parse).forEach(allowedBlocks::add);
        this.allowedHosts = entries.stream()
                .filter(e -> !e.contains("/"))
                .map(WebhookUrlGuard::normalizeHost)
                .collect(Collectors.toUnmodifiableSet());
    }

    public Verdict check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return Verdict.refuse("'" + url + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return Verdict.refuse("'" + url + "' must use http or https, not '" + scheme + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Verdict.refuse("'" + url + "' has no host");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        if (isAmbiguousNumericHost(host)) {
            // 0177.0.0.1 is 177.0.0.1 to Java but 127.0.0.1 to curl and browsers; 127.1 and 2130706433 likewise differ
            return Verdict.refuse("host " + host + " is an octal, hex or shortened IPv4 address that programs read "
                    + "differently; write it as four decimal numbers, e.g. 93.184.216.34");
        }
        if (allowedHosts.contains(normalizeHost(host))) {
            return Verdict.allow();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Verdict.refuse("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return Verdict.refuse("host " + host + " does not resolve");
        }
        // every address must pass: the HTTP client may pick any of them
        for (InetAddress address : addresses) {
            Optional<String> forbidden = forbiddenKind(address);
            if (forbidden.isPresent() && allowedBlocks.stream().noneMatch(b -> b.contains(address))) {
                return Verdict.refuse("host " + host + " resolves to " + address.getHostAddress() + ", "
                        + forbidden.get() + "; an operator can allow it in the webhook allow-list");
            }
        }
        return Verdict.allow(addresses);
    }

    /** A host whose last label is a number (names never end in one) but that is not a plain dotted quad. */
    static boolean isAmbiguousNumericHost(String host) {
        if (host.contains(":")) {
            return false; // IPv6
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean numeric = last.matches("[0-9]+|0x[0-9a-f]*");
        return numeric && !DOTTED_QUAD.matcher(h).matches();
    }

    /** Why an address is not public, or empty if it is. */
    static Optional<String> forbiddenKind(InetAddress address) {
        byte[] b = address.getAddress();
        boolean v4 = address instanceof Inet4Address;
        if (v4 && Arrays.equals(b, METADATA)) {
            return Optional.of("the cloud metadata address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified (any-local) address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private (site-local) address");
        }
        if (!v4 && (b[0] & 0xfe) == 0xfc) {
            return Optional.of("a private (unique-local, fc00::/7) address");
        }
        if (v4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return Optional.of("a carrier-grade NAT (100.64.0.0/10) address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (!v4) {
            // IPv6 forms that carry an IPv4 address a gateway or the stack may route to: IPv4-compatible (::a.b.c.d),
            // NAT64 (64:ff9b::/96) and 6to4 (2002::/16); judged by the IPv4 address inside
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                try {
                    InetAddress inner = InetAddress.getByAddress(embedded.get());
                    Optional<String> innerKind = forbiddenKind(inner);
                    if (innerKind.isPresent()) {
                        return Optional.of("an IPv6 address embedding " + inner.getHostAddress() + ", " + innerKind.get());
                    }
                } catch (UnknownHostException e) {
                    return Optional.of("an IPv6 address embedding an unreadable IPv4 address");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (compatible || nat64) {
            return Optional.of(Arrays.copyOfRange(b, 12, 16));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(Arrays.copyOfRange(b, 2, 6));
        }
        return Optional.empty();
    }

    private static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** An address block such as {@code 10.0.0.0/8}. */
    private record Cidr(byte[] network, int prefixBits) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/", 2);
            if (!IP_LITERAL.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("not a CIDR block: " + text);
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress(); // a literal: no DNS lookup
                int bits = Integer.parseInt(parts[1]);
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("prefix out of range in " + text);
                }
                return new Cidr(network, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR block: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
