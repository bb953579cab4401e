package io.flowwatch.gateway.service;

import io.flowwatch.gateway.config.GatewayConfig;
import io.flowwatch.gateway.repository.ApiKey;
import io.flowwatch.gateway.repository.ApiKeyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/** Issues, checks and revokes API keys. Keys are shown once, stored only as SHA-256 hashes. */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
    private static final String KEY_PREFIX = "fwk_";
    /** A revoked key stops working within this time on every gateway instance. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(10);

    public record Principal(UUID keyId, String name, Role role) {}

    /** A new key: the only moment its secret is visible. */
    public record IssuedKey(UUID id, String name, String role, String key, Instant createdAt) {}

    public record KeyView(UUID id, String name, String role, String keyPrefix, Instant createdAt, Instant revokedAt) {}

    private record Cached(Optional<Principal> principal, Instant until) {}

    private final ApiKeyRepository keys;
    private final GatewayConfig config;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiKeyService(ApiKeyRepository keys, GatewayConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @WithSession
    public Uni<Optional<Principal>> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 200) {
            return Uni.createFrom().item(Optional.empty());
        }
        String hash = sha256(presentedKey.trim());
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.principal());
        }
        return keys.findActiveByHash(hash)
                .map(key -> Optional.ofNullable(key).map(k -> new Principal(k.id, k.name, Role.parse(k.role))))
                .invoke(principal -> {
                    if (cache.size() > 10_000) {
                        cache.clear();
                    }
                    cache.put(hash, new Cached(principal, Instant.now().plus(CACHE_TTL)));
                });
    }

    @WithTransaction
    public Uni<IssuedKey> issue(String name, Role role) {
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.name = name;
        key.role = role.wireName();
        key.keyPrefix = secret.substring(0, KEY_PREFIX.length() + 6);
        key.keyHash = sha256(secret);
        key.createdAt = Instant.now();
        return keys.persist(key).map(k -> new IssuedKey(k.id, k.name, k.role, secret, k.createdAt));
    }

    @WithSession
    public Uni<List<KeyView>> list() {
        return keys.listAll().map(all -> all.stream()
                .map(k -> new KeyView(k.id, k.name, k.role, k.keyPrefix, k.createdAt, k.revokedAt))
                .toList());
    }

    /** True when the key existed and is now revoked. */
    @WithTransaction
    public Uni<Boolean> revoke(UUID id) {
        return keys.findById(id).map(key -> {
            if (key == null) {
                return false;
            }
            if (key.revokedAt == null) {
                key.revokedAt = Instant.now();
            }
            cache.clear();
            return true;
        });
    }

    /**
     * On a fresh installation (no keys at all), issues the first admin key and writes it to the configured
     * file with mode 0600, so that `./flowwatch up` can tell the operator where it is.
     */
    @WithSession
    public Uni<Void> bootstrapAdminKey() {
        Path file = Path.of(config.adminKeyFile());
        return keys.count().flatMap(count -> {
            if (count > 0 && Files.exists(file)) {
                return Uni.createFrom().voidItem();
            }
            if (count > 0) {
                LOG.infof("API keys exist; no admin key written to %s", file);
                return Uni.createFrom().voidItem();
            }
            return issue("bootstrap-admin", Role.ADMIN).invoke(issued -> writeSecretFile(file, issued.key()))
                    .replaceWithVoid()
                    // Another replica issued it first (unique index): that one wrote its key file.
                    .onFailure(e -> String.valueOf(e.getMessage()).contains("api_key_one_bootstrap_admin")
                            || e instanceof org.hibernate.exception.ConstraintViolationException)
                    .recoverWithItem(() -> {
                        LOG.info("another gateway instance issued the first admin key");
                        return null;
                    });
        });
    }

    private static void writeSecretFile(Path file, String secret) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".admin-api-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("first admin API key written to %s (mode 0600)", file.toAbsolutePath());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the admin API key to " + file, e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
