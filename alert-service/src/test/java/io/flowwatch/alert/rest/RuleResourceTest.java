package io.flowwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.alert.support.ServersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class RuleResourceTest {

    private static final String CHANNEL = "rules-test-email";

    @BeforeEach
    void channelExists() {
        given().contentType(ContentType.JSON)
                .body(Map.of("type", "email", "to", List.of("ops@example.com")))
                .when().put("/api/v1/channels/" + CHANNEL)
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    private static String rule(String id, String condition) {
        return """
                {"id":"%s","name":"test rule %s","metric":"quote.change","scope":"RULES-TEST@24h",
                 "condition":%s,"for":"PT0S","keepFiringFor":"PT6H","severity":"warning",
                 "labels":{"asset":"TEST"},"channels":["%s"],"repeatInterval":null,"notifyResolved":false,
                 "template":"{rule.name}: {percent}"}""".formatted(id, id, condition, CHANNEL);
    }

    @Test
    void createReadReplaceDelete() {
        String id = "rules-test-crud";
        given().contentType(ContentType.JSON).body(rule(id, "{\"type\":\"threshold\",\"op\":\"lte\",\"value\":-5}"))
                .when().post("/api/v1/rules")
                .then().log().ifValidationFails()
                .statusCode(201)
                .header("Location", containsString("/api/v1/rules/" + id))
                .body("id", equalTo(id))
                .body("for", equalTo("PT0S"))
                .body("keepFiringFor", equalTo("PT6H"))
                .body("condition.type", equalTo("threshold"))
                .body("condition.op", equalTo("lte"));

        given().when().get("/api/v1/rules/" + id).then().statusCode(200).body("scope", equalTo("RULES-TEST@24h"));
        given().when().get("/api/v1/rules").then().statusCode(200).body("id", hasItem(id));

        given().contentType(ContentType.JSON).body(rule(id, "{\"type\":\"threshold\",\"op\":\"lte\",\"value\":-5}"))
                .when().post("/api/v1/rules")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));

        given().contentType(ContentType.JSON)
                .body(rule(id, "{\"type\":\"any\",\"conditions\":[{\"type\":\"threshold\",\"op\":\"lte\",\"value\":-7}]}"))
                .when().put("/api/v1/rules/" + id)
                .then().statusCode(200).body("condition.type", equalTo("any"))
                .body("condition.conditions[0].value", equalTo(-7));

        given().when().delete("/api/v1/rules/" + id).then().statusCode(204);
        given().when().get("/api/v1/rules/" + id)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", startsWith("https://flowwatch.io/problems/"));
        given().when().delete("/api/v1/rules/" + id).then().statusCode(404);
    }

    @Test
    void aRuleThatCanNeverFireIsRefusedNamingTheCondition() {
        String body = rule("rules-test-never", """
                {"type":"all","conditions":[{"type":"threshold","op":"gt","value":10},
                                            {"type":"threshold","op":"lt","value":5}]}""");
        JsonPath problem = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/rules")
                .then().log().ifValidationFails()
                .statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .extract().jsonPath();
        assertEquals(List.of("/condition"), problem.getList("errors.field"));
        assertTrue(problem.getString("errors[0].reason").contains("can never fire"), problem.prettify());
    }

    @Test
    void everyProblemIsNamedByItsField() {
        String body = """
                {"id":"rules-test-bad","name":"","metric":"flow.hourly","scope":"x",
                 "condition":{"type":"crossing","direction":"sideways","level":0},
                 "for":"ten minutes","keepFiringFor":"-PT1H","severity":"urgent","channels":["nowhere"],
                 "template":"{#if}"}""";
        JsonPath problem = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/rules")
                .then().statusCode(422).extract().jsonPath();
        List<String> fields = problem.getList("errors.field");
        for (String field : List.of("/name", "/metric", "/condition/direction", "/for", "/keepFiringFor", "/severity",
                "/channels/0", "/template")) {
            assertTrue(fields.contains(field), field + " missing in " + fields);
        }
    }

    @Test
    void aCrossingOnAMetricWithoutPreviousValueCanNeverFire() {
        String body = rule("rules-test-crossing", "{\"type\":\"crossing\",\"direction\":\"down\",\"level\":0}");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/rules")
                .then().statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("/condition"))
                .body("errors[0].reason", containsString("previous"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"id\": ")
                .when().post("/api/v1/rules")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void yamlExportImportsBackToTheSameRules() {
        for (String id : List.of("rules-test-yaml-a", "rules-test-yaml-b")) {
            given().contentType(ContentType.JSON)
                    .body(rule(id, "{\"type\":\"all\",\"conditions\":[{\"type\":\"threshold\",\"op\":\"lt\",\"value\":-2.5},"
                            + "{\"type\":\"threshold\",\"op\":\"gt\",\"value\":-90}]}"))
                    .when().put("/api/v1/rules/" + id).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        }
        List<Map<String, Object>> before = given().when().get("/api/v1/rules").then().statusCode(200)
                .extract().jsonPath().getList("");
        String yaml = given().accept("application/yaml").when().get("/api/v1/rules/export")
                .then().statusCode(200).contentType(containsString("application/yaml"))
                .body(containsString("rules:"))
                .body(containsString("id: rules-test-yaml-a"))
                .extract().asString();

        for (String id : List.of("rules-test-yaml-a", "rules-test-yaml-b")) {
            given().when().delete("/api/v1/rules/" + id).then().statusCode(204);
        }
        given().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/rules/import")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("ids", hasItem("rules-test-yaml-a"))
                .body("ids", hasItem("rules-test-yaml-b"));

        List<Map<String, Object>> after = given().when().get("/api/v1/rules").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertEquals(before, after, "export → import must give the same rules");
    }

    @Test
    void anInvalidImportChangesNothingAndNamesTheRule() {
        String yaml = """
                rules:
                  - id: rules-test-import-ok
                    name: fine
                    metric: quote.change
                    scope: RULES-TEST@1h
                    condition: {type: threshold, op: gt, value: 1}
                    severity: info
                    channels: [rules-test-email]
                  - id: rules-test-import-bad
                    name: broken
                    metric: quote.change
                    scope: RULES-TEST@1h
                    condition: {type: threshold, op: between, value: 1}
                    severity: info
                """;
        given().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/rules/import")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("/rules/1/condition/op"));
        given().when().get("/api/v1/rules/rules-test-import-ok").then().statusCode(404);

        given().contentType("application/yaml").body("rules: [unclosed".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/rules/import")
                .then().statusCode(422).contentType("application/problem+json");
    }
}
