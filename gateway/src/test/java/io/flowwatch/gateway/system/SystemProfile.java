package io.flowwatch.gateway.system;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The gateway in front of the real backend services; test classes with this profile share one system. */
public class SystemProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RunningSystem.class));
    }
}
