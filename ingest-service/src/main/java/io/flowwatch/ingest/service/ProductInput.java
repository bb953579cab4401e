package io.flowwatch.ingest.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The body of {@code PUT /api/v1/products/{ticker}}.
 *
 * @param ticker optional; when given it must equal the path's ticker
 * @param issuer e.g. {@code BlackRock}
 * @param asset the crypto asset held, e.g. {@code BTC}
 * @param kind {@code us-spot-etf} or {@code etp}
 * @param inceptionDate the first trading day, if known
 */
public record ProductInput(
        String ticker,
        @Size(max = 128, message = "at most 128 characters") String issuer,
        @NotBlank(message = "asset is required")
        @Pattern(regexp = "[A-Za-z0-9]{1,16}", message = "1 to 16 letters or digits, e.g. BTC") String asset,
        @NotBlank(message = "kind is required")
        @Pattern(regexp = "us-spot-etf|etp", message = "us-spot-etf or etp") String kind,
        LocalDate inceptionDate) {}
