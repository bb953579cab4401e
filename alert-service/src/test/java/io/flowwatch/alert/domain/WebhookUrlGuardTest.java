package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookUrlGuardTest {

    /** A fake DNS: host name → literal addresses (parsing a literal makes no lookup). */
    private static WebhookUrlGuard.Resolver dns(Map<String, List<String>> records) {
        return host -> {
            List<String> literals = records.get(host);
            if (literals == null) {
                if (host.matches("[0-9.]+|.*:.*")) {
                    return new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
            InetAddress[] addresses = new InetAddress[literals.size()];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = InetAddress.getByName(literals.get(i));
            }
            return addresses;
        };
    }

    private static final WebhookUrlGuard.Resolver DNS = dns(Map.of(
            "hooks.example.com", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "sneaky.example.com", List.of("93.184.216.34", "10.0.0.7"),
            "internal.corp", List.of("192.168.1.20")));

    private static final WebhookUrlGuard GUARD = new WebhookUrlGuard(List.of(), DNS);

    private static void assertRefused(WebhookUrlGuard guard, String url, String... reasonParts) {
        WebhookUrlGuard.Verdict verdict = guard.check(url);
        assertFalse(verdict.allowed(), url + " must be refused");
        for (String part : reasonParts) {
            assertTrue(verdict.reason().contains(part), verdict.reason() + " should mention " + part);
        }
    }

    @Test
    void publicAddressesAreAllowed() {
        assertTrue(GUARD.check("https://hooks.example.com/flowwatch").allowed());
        assertTrue(GUARD.check("http://93.184.216.34:8080/x").allowed());
    }

    @Test
    void loopbackAndPrivateIPv4AreRefusedNamingTheAddress() {
        assertRefused(GUARD, "http://127.0.0.1/", "127.0.0.1", "loopback");
        assertRefused(GUARD, "http://10.1.2.3/", "10.1.2.3", "private");
        assertRefused(GUARD, "http://172.20.0.5/", "172.20.0.5", "private");
        assertRefused(GUARD, "http://192.168.0.10/", "192.168.0.10", "private");
        assertRefused(GUARD, "http://100.64.1.1/", "carrier-grade NAT");
        assertRefused(GUARD, "http://0.0.0.0/", "any-local");
        assertRefused(GUARD, "http://224.0.0.1/", "multicast");
        assertRefused(GUARD, "http://169.254.1.1/", "link-local");
    }

    @Test
    void theMetadataAddressIsNamedAsSuch() {
        assertRefused(GUARD, "http://169.254.169.254/latest/meta-data/", "169.254.169.254", "metadata");
    }

    @Test
    void loopbackAndPrivateIPv6AreRefused() {
        assertRefused(GUARD, "http://[::1]:8080/", "loopback");
        assertRefused(GUARD, "https://[fd00::1]/", "unique-local");
        assertRefused(GUARD, "https://[fe80::1]/", "link-local");
        assertRefused(GUARD, "https://[::ffff:10.0.0.1]/", "private");
    }

    @Test
    void oneBadAddressAmongSeveralIsEnough() {
        assertRefused(GUARD, "https://sneaky.example.com/", "sneaky.example.com", "10.0.0.7");
    }

    @Test
    void onlyHttpUrlsWithAHostThatResolves() {
        assertRefused(GUARD, "ftp://hooks.example.com/", "http");
        assertRefused(GUARD, "file:///etc/passwd", "http");
        assertRefused(GUARD, "https:///nohost", "host");
        assertRefused(GUARD, "https://nowhere.invalid/", "does not resolve");
        assertRefused(GUARD, "not a url", "valid");
    }

    @Test
    void anAllowListedBlockOrHostLetsAPrivateTargetThrough() {
        WebhookUrlGuard guard = new WebhookUrlGuard(List.of("192.168.1.0/24", "fd00::/8", "localhost"), DNS);
        assertTrue(guard.check("https://internal.corp/hook").allowed());
        assertTrue(guard.check("http://[fd00::1]/").allowed());
        assertTrue(guard.check("http://localhost:9000/").allowed());
        assertRefused(guard, "http://192.168.2.1/", "192.168.2.1");
        assertRefused(guard, "http://10.0.0.1/", "private");
    }

    @Test
    void aBadAllowListEntryFailsAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new WebhookUrlGuard(List.of("10.0.0.0/33"), DNS));
        assertThrows(IllegalArgumentException.class, () -> new WebhookUrlGuard(List.of("corp.example/24"), DNS));
    }

    @Test
    void anAllowedUrlCarriesTheCheckedAddressesToConnectTo() throws Exception {
        WebhookUrlGuard.Verdict verdict = GUARD.check("https://hooks.example.com/flowwatch");
        assertEquals(List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946")),
                verdict.addresses());
        assertEquals(List.of(), GUARD.check("http://10.0.0.1/").addresses(), "nothing to connect to when refused");
        WebhookUrlGuard byName = new WebhookUrlGuard(List.of("internal.corp"), DNS);
        assertEquals(List.of(), byName.check("https://internal.corp/hook").addresses(), "an allowed name is not resolved");
    }

    @Test
    void ipv6AddressesThatCarryAPrivateIpv4AddressAreRefused() {
        for (String url : List.of("http://[::127.0.0.2]/", "http://[64:ff9b::7f00:1]/", "http://[2002:a00:1::1]/",
                "http://[64:ff9b::a9fe:a9fe]/")) {
            WebhookUrlGuard.Verdict verdict = GUARD.check(url);
            assertFalse(verdict.allowed(), url);
            assertTrue(verdict.reason().contains("embedding"), verdict.reason());
        }
        assertTrue(GUARD.check("http://[64:ff9b::5db8:d822]/").allowed(), "NAT64 of a public address is fine");
        assertTrue(GUARD.check("http://[2002:5db8:d822::1]/").allowed(), "6to4 of a public address is fine");
    }

    @Test
    void numericHostsThatProgramsReadDifferentlyAreRefused() {
        for (String url : List.of("http://0177.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f000001/",
                "http://93.184.216.034/")) {
            assertFalse(GUARD.check(url).allowed(), url); // (java.net.URI already finds no host in 127.1)
        }
        assertTrue(GUARD.check("http://0177.0.0.1/").reason().contains("four decimal numbers"));
        assertTrue(GUARD.check("http://93.184.216.34/").allowed());
        assertFalse(WebhookUrlGuard.isAmbiguousNumericHost("hooks.example.com"));
        assertFalse(WebhookUrlGuard.isAmbiguousNumericHost("2001:db8::1"));
    }
}
