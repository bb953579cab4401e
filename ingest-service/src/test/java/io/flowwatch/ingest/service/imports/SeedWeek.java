package io.flowwatch.ingest.service.imports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The seed-week scenario files and the products their flow tables name (the same list as db/seed/products.csv).
 * The files are read from {@code -Dflowwatch.seed-week.dir}, else from the project's own copy in
 * {@code deploy/demo/seed-week}, else from the shared scenario next to the project.
 */
public final class SeedWeek {

    private static final LocalDate BTC_LAUNCH = LocalDate.of(2024, 1, 11);
    private static final LocalDate ETH_LAUNCH = LocalDate.of(2024, 7, 23);

    static final List<Product> PRODUCTS = List.of(
            btc("IBIT", "BlackRock"), btc("FBTC", "Fidelity"), btc("BITB", "Bitwise"), btc("ARKB", "ARK 21Shares"),
            btc("BTCO", "Invesco Galaxy"), btc("EZBC", "Franklin Templeton"), btc("BRRR", "CoinShares Valkyrie"),
            btc("HODL", "VanEck"), btc("BTCW", "WisdomTree"), btc("GBTC", "Grayscale"),
            product("BTC", "Grayscale", "BTC", "2024-07-31"), // Bitcoin Mini Trust
            eth("ETHA", "BlackRock"), eth("FETH", "Fidelity"), eth("ETHW", "Bitwise"), eth("CETH", "21Shares"),
            eth("ETHV", "VanEck"), eth("QETH", "Invesco Galaxy"), eth("EZET", "Franklin Templeton"),
            eth("ETHE", "Grayscale"), eth("ETH", "Grayscale"), // ETH = Ethereum Mini Trust
            product("XRPC", "Canary", "XRP", "2025-11-13"), product("XRPZ", "Franklin Templeton", "XRP", "2025-11-24"),
            product("GXRP", "Grayscale", "XRP", "2025-11-24"), product("XRP", "Bitwise", "XRP", "2025-11-20"),
            product("TOXR", "21Shares", "XRP", "2025-11-24"),
            product("BSOL", "Bitwise", "SOL", "2025-10-28"), product("GSOL", "Grayscale", "SOL", "2025-10-29"),
            product("VSOL", "VanEck", "SOL", "2025-11-17"), product("FSOL", "Fidelity", "SOL", "2025-11-18"),
            product("SOEZ", "Franklin Templeton", "SOL", "2025-11-18"), product("TSOL", "21Shares", "SOL", "2025-11-18"));

    static final ProductLookup LOOKUP = ProductLookup.of(PRODUCTS);

    private SeedWeek() {}

    public static Path dir() {
        Path module = Path.of(System.getProperty("user.dir"));
        Path projectCopy = module.resolve("../deploy/demo/seed-week");
        Path shared = module.resolve("../../shared/scenarios/seed-week");
        String configured = System.getProperty("flowwatch.seed-week.dir");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Files.isDirectory(projectCopy) ? projectCopy : shared;
        assertTrue(Files.isDirectory(dir), "seed-week scenario not found at " + dir.toAbsolutePath().normalize()
                + "; set -Dflowwatch.seed-week.dir");
        return dir;
    }

    public static byte[] file(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Product btc(String ticker, String issuer) {
        return new Product(ticker, issuer, "BTC", "us-spot-etf", BTC_LAUNCH);
    }

    private static Product eth(String ticker, String issuer) {
        return new Product(ticker, issuer, "ETH", "us-spot-etf", ETH_LAUNCH);
    }

    private static Product product(String ticker, String issuer, String asset, String inception) {
        return new Product(ticker, issuer, asset, "us-spot-etf", LocalDate.parse(inception));
    }
}
