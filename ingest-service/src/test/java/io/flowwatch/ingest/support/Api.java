package io.flowwatch.ingest.support;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;

/** RestAssured set up as clients of this API: bodies as UTF-8, no charset added behind the caller's back. */
public final class Api {

    public static final RestAssuredConfig CONFIG = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
            .defaultContentCharset(StandardCharsets.UTF_8)
            .appendDefaultContentCharsetToContentTypeIfUndefined(false));

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {}

    public static RequestSpecification given() {
        return RestAssured.given().config(CONFIG);
    }

    /** POST /api/v1/events with a JSON body. */
    public static Response push(String json) {
        return given().contentType("application/json").body(json.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/events");
    }

    /** POST /api/v1/imports?{query} with the file as a text/csv body. */
    public static Response importFile(String query, byte[] file) {
        return importFile(query, "text/csv", file);
    }

    public static Response importFile(String query, String contentType, byte[] file) {
        RequestSpecification request = given();
        if (contentType != null) {
            request = request.contentType(contentType);
        }
        return request.body(file).when().post("/api/v1/imports?" + query);
    }
}
