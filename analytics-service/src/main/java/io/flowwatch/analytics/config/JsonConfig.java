package io.flowwatch.analytics.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.events.EventCodec;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Quarkus's own mapper reads and writes JSON exactly as the event contract does (money as plain decimals). */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventCodec.configure(mapper);
    }
}
