package io.flowwatch.deploy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JVM options and its JDK AOT cache bookkeeping (deploy/local/lib.sh): which collector each service
 * gets, when a start records a cache, when it maps one, and when a cache is stale. A JVM refuses to start from a
 * cache recorded with other heap options, so getting this wrong
 * leaves a service that cannot start; these run the real shell functions against a scratch project.
 */
class LauncherAotCacheTest {

    private static final String SERVICE = "analytics-service";
    private static final String OPTIONS = "-Xms64m -Xmx256m -XX:+UseSerialGC";

    @TempDir
    Path root;
    private Path cache;
    private Path jar;

    @BeforeEach
    void scratchProject() throws IOException {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need a JDK 25 (the launcher skips them before)");
        jar = root.resolve(SERVICE).resolve("target/quarkus-app/app/" + SERVICE + ".jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        cache = root.resolve("state/aot/" + SERVICE + ".aot");
    }

    @Test
    void firstStartRecordsAndACleanStopKeepsTheCacheForTheNextStart() throws Exception {
        assertEquals("-XX:AOTCacheOutput=" + cache + ".recording", option(SERVICE, OPTIONS));
        recordedAndStopped("");
        assertTrue(Files.exists(cache));
        assertEquals("-XX:AOTCache=" + cache, option(SERVICE, OPTIONS));
        assertEquals("-XX:AOTCache=" + cache, option(SERVICE + "-2", OPTIONS), "replicas map the cache too");
    }

    @Test
    void otherHeapOptionsRecordAgainInsteadOfStartingFromAnIncompatibleCache() throws Exception {
        option(SERVICE, OPTIONS);
        recordedAndStopped("");
        assertEquals("-XX:AOTCacheOutput=" + cache + ".recording", option(SERVICE, "-Xms64m -Xmx512m -XX:+UseSerialGC"));
        assertFalse(Files.exists(cache), "the stale cache is gone");
    }

    @Test
    void aNewerBuildRecordsAgain() throws Exception {
        option(SERVICE, OPTIONS);
        recordedAndStopped("");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals("-XX:AOTCacheOutput=" + cache + ".recording", option(SERVICE, OPTIONS));
    }

    @Test
    void aKilledRecorderLeavesNoCacheBehind() throws Exception {
        option(SERVICE, OPTIONS);
        recordedAndStopped("killed");
        assertFalse(Files.exists(cache));
        assertEquals("-XX:AOTCacheOutput=" + cache + ".recording", option(SERVICE, OPTIONS));
    }

    @Test
    void replicasNeverRecordAndTheSwitchTurnsItOff() throws Exception {
        assertEquals("", option(SERVICE + "-2", OPTIONS));
        assertEquals("", bash("FLOWWATCH_AOT=false svc_aot_option " + SERVICE + " " + SERVICE + " '" + OPTIONS + "'"));
    }

    @Test
    void ingestAndAnalyticsRunG1AndC2AloneAndTheOthersSerialAndTieredUnlessOverridden() throws Exception {
        for (String service : new String[] {"ingest-service", "analytics-service"}) {
            String options = bash("svc_jvm_options " + service);
            assertTrue(options.contains("-XX:+UseG1GC -XX:MaxGCPauseMillis=50"), service + ": " + options);
            assertTrue(options.contains("-XX:-TieredCompilation"), service + ": " + options);
            assertFalse(options.contains("UseSerialGC"), service + ": " + options);
        }
        for (String service : new String[] {"alert-service", "gateway"}) {
            String options = bash("svc_jvm_options " + service);
            assertTrue(options.contains("-XX:+UseSerialGC"), service + ": " + options);
            assertFalse(options.contains("UseG1GC") || options.contains("TieredCompilation"), service + ": " + options);
        }
        // The JIT option comes first, so that an override can turn tiered compilation back on (the last one wins).
        String tiered = bash("FLOWWATCH_SERVICE_JVM_OPTIONS=-XX:+TieredCompilation svc_jvm_options analytics-service");
        assertTrue(tiered.indexOf("-XX:-TieredCompilation") < tiered.indexOf("-XX:+TieredCompilation"), tiered);
        String overridden = bash("FLOWWATCH_SERVICE_JVM_OPTIONS=-XX:+UseParallelGC svc_jvm_options ingest-service");
        assertTrue(overridden.contains("-XX:+UseParallelGC") && !overridden.contains("G1"), overridden);
        assertTrue(overridden.startsWith("-Xms64m -Xmx256m ") && overridden.endsWith("-XX:+ExitOnOutOfMemoryError"),
                overridden);
    }

    private String option(String instance, String options) throws Exception {
        return bash("svc_aot_option " + SERVICE + " " + instance + " '" + options + "'");
    }

    /** What the JVM does at a clean exit (writes the file it was told to), then what svc_stop does after. */
    private void recordedAndStopped(String killed) throws Exception {
        Files.writeString(Path.of(cache + ".recording"), "cache");
        bash("svc_aot_keep " + SERVICE + " " + SERVICE + " '" + killed + "'");
        assertFalse(Files.exists(Path.of(cache + ".recording")));
    }

    private String bash(String command) throws Exception {
        Path lib = Project.root().resolve("deploy/local/lib.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source '" + lib + "' && " + command);
        builder.environment().put("FW_ROOT", root.toString());
        builder.environment().put("FLOWWATCH_STATE_DIR", root.resolve("state").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("FLOWWATCH_AOT");
        builder.environment().remove("FLOWWATCH_SERVICE_JVM_OPTIONS");
        builder.environment().remove("FLOWWATCH_SERVICE_HEAP");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bash did not finish");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
