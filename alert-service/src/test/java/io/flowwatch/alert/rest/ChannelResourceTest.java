package io.flowwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.flowwatch.alert.support.ServersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class ChannelResourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/",
            "http://192.168.1.5/", "ftp://hooks.example.com/x"})
    void privateAndMetadataUrlsAreRefusedNamingTheUrl(String url) {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "channels-test-private", "type", "webhook", "url", url))
                .when().post("/api/v1/channels")
                .then().log().ifValidationFails()
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("/url"))
                .body("errors[0].value", equalTo(url));
        given().when().get("/api/v1/channels/channels-test-private").then().statusCode(404);
    }

    @Test
    void theMetadataAddressIsNamedAsSuch() {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "channels-test-metadata", "type", "webhook", "url", "http://169.254.169.254/"))
                .when().post("/api/v1/channels")
                .then().statusCode(422).body("errors[0].reason", containsString("metadata"));
    }

    @Test
    void aWebhookSecretIsGeneratedShownOnceAndKeptOnReplace() {
        String secret = given().contentType(ContentType.JSON)
                .body(Map.of("id", "channels-test-hook", "type", "webhook", "url", ServersResource.url("/hooks/x")))
                .when().post("/api/v1/channels")
                .then().log().ifValidationFails()
                .statusCode(201)
                .header("Location", containsString("/api/v1/channels/channels-test-hook"))
                .body("secret", startsWith("whsec_"))
                .extract().path("secret");

        given().when().get("/api/v1/channels/channels-test-hook")
                .then().statusCode(200).body("secret", nullValue()).body("url", equalTo(ServersResource.url("/hooks/x")));
        given().when().get("/api/v1/channels")
                .then().statusCode(200).body("id", hasItem("channels-test-hook")).body("secret", not(hasItem(secret)));

        given().contentType(ContentType.JSON)
                .body(Map.of("type", "webhook", "url", ServersResource.url("/hooks/y")))
                .when().put("/api/v1/channels/channels-test-hook")
                .then().statusCode(200).body("secret", nullValue()).body("url", equalTo(ServersResource.url("/hooks/y")));

        given().contentType(ContentType.JSON)
                .body(Map.of("id", "channels-test-hook", "type", "webhook", "url", ServersResource.url("/hooks/x")))
                .when().post("/api/v1/channels")
                .then().statusCode(409);
        given().when().delete("/api/v1/channels/channels-test-hook").then().statusCode(204);
        given().when().delete("/api/v1/channels/channels-test-hook").then().statusCode(404);
    }

    @Test
    void aBadSecretOrRecipientIsNamed() {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "channels-test-secret", "type", "webhook", "url", ServersResource.url("/h"),
                        "secret", "not base64 !"))
                .when().post("/api/v1/channels")
                .then().statusCode(422).body("errors[0].field", equalTo("/secret"));
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "channels-test-mail", "type", "email", "to", List.of("desk@example.com", "nobody")))
                .when().post("/api/v1/channels")
                .then().statusCode(422).body("errors[0].field", equalTo("/to/1"));
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "channels-test-sms", "type", "sms"))
                .when().post("/api/v1/channels")
                .then().statusCode(422).body("errors[0].field", equalTo("/type"));
    }

    @Test
    void aChannelInUseCannotBeDeleted() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "email", "to", List.of("desk@example.com")))
                .when().put("/api/v1/channels/channels-test-used")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                        {"id":"channels-test-user","name":"uses a channel","metric":"flow.daily","scope":"CHANNELS-TEST",
                         "condition":{"type":"threshold","op":"lt","value":0},"severity":"info",
                         "channels":["channels-test-used"]}""")
                .when().post("/api/v1/rules")
                .then().statusCode(201);
        given().when().delete("/api/v1/channels/channels-test-used")
                .then().statusCode(409).body("detail", containsString("channels-test-user"));
        given().when().delete("/api/v1/rules/channels-test-user").then().statusCode(204);
        given().when().delete("/api/v1/channels/channels-test-used").then().statusCode(204);
    }
}
