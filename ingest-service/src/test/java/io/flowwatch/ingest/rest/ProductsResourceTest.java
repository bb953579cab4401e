package io.flowwatch.ingest.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

import io.flowwatch.events.Problem;
import io.flowwatch.ingest.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The product registry through its API: seeded from db/seed/products.csv, editable, validated. */
@QuarkusTest
class ProductsResourceTest {

    private static String ticker() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    @Test
    void theSeedIsListedAndFiltered() {
        Api.given().when().get("/api/v1/products?asset=SOL&kind=us-spot-etf").then().statusCode(200)
                .body("size()", equalTo(6))
                .body("ticker", hasItems("BSOL", "GSOL", "VSOL", "FSOL", "SOEZ", "TSOL"))
                .body("asset", everyItem(equalTo("SOL")));
        Api.given().when().get("/api/v1/products/ibit").then().statusCode(200)
                .body("ticker", equalTo("IBIT"))
                .body("issuer", equalTo("BlackRock"))
                .body("asset", equalTo("BTC"))
                .body("kind", equalTo("us-spot-etf"))
                .body("inceptionDate", equalTo("2024-01-11"));
        Api.given().when().get("/api/v1/products").then().statusCode(200).body("ticker", hasItems("IBIT", "ETHA", "XRPC"));
    }

    @Test
    void anUnknownTickerIs404() {
        Api.given().when().get("/api/v1/products/NOSUCH").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("NOSUCH"));
    }

    @Test
    void putCreatesThenReplacesAndDeleteRemoves() {
        String ticker = ticker();
        Api.given().contentType("application/json")
                .body("{\"issuer\":\"Test Issuer\",\"asset\":\"eth\",\"kind\":\"etp\",\"inceptionDate\":\"2025-02-03\"}")
                .when().put("/api/v1/products/" + ticker.toLowerCase())
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/products/" + ticker))
                .body("ticker", equalTo(ticker)).body("asset", equalTo("ETH"));
        Api.given().contentType("application/json").body("{\"issuer\":\"Renamed\",\"asset\":\"ETH\",\"kind\":\"etp\"}")
                .when().put("/api/v1/products/" + ticker)
                .then().statusCode(200).body("issuer", equalTo("Renamed"));
        Api.given().when().get("/api/v1/products/" + ticker).then().statusCode(200).body("issuer", equalTo("Renamed"));
        Api.given().when().delete("/api/v1/products/" + ticker).then().statusCode(204);
        Api.given().when().get("/api/v1/products/" + ticker).then().statusCode(404);
        Api.given().when().delete("/api/v1/products/" + ticker).then().statusCode(404);
    }

    @Test
    void invalidProductsAreRefusedWithTheirFields() {
        String ticker = ticker();
        Api.given().contentType("application/json").body("{\"asset\":\"B TC\",\"kind\":\"fund\"}")
                .when().put("/api/v1/products/" + ticker)
                .then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItems("/asset", "/kind"));
        Api.given().contentType("application/json").body("{\"asset\":\"BTC\",\"kind\":\"etp\",\"inceptionDate\":\"soon\"}")
                .when().put("/api/v1/products/" + ticker)
                .then().statusCode(400).body("errors[0].field", equalTo("/inceptionDate"));
        Api.given().contentType("application/json").body("{\"ticker\":\"OTHER\",\"asset\":\"BTC\",\"kind\":\"etp\"}")
                .when().put("/api/v1/products/" + ticker)
                .then().statusCode(422).body("errors[0].field", equalTo("/ticker"));
        Api.given().contentType("application/json").body("{\"asset\":\"BTC\",\"kind\":\"etp\"}")
                .when().put("/api/v1/products/not%20a%20ticker")
                .then().statusCode(422).body("errors[0].field", equalTo("ticker"));
        Api.given().contentType("application/json").body("{\"asset\":\"BTC\",\"kind\":\"etp\"")
                .when().put("/api/v1/products/" + ticker)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        Api.given().when().get("/api/v1/products/" + ticker).then().statusCode(404);
    }

    @Test
    void aProductThatFlowsNameCannotBeDeleted() {
        String ticker = ticker();
        Api.given().contentType("application/json").body("{\"issuer\":\"X\",\"asset\":\"BTC\",\"kind\":\"us-spot-etf\"}")
                .when().put("/api/v1/products/" + ticker).then().statusCode(201);
        Api.push("{\"type\":\"flowwatch.fund-flow.v1\",\"source\":\"products-test\",\"data\":{\"product\":\"" + ticker
                + "\",\"tradingDate\":\"2026-01-29\",\"netFlowUsd\":1}}").then().statusCode(202).body("accepted", equalTo(1));
        Api.given().when().delete("/api/v1/products/" + ticker).then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString(ticker));
        Api.given().when().get("/api/v1/products/" + ticker).then().statusCode(200);
    }
}
