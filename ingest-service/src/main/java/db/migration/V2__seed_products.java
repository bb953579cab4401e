package db.migration;

import io.flowwatch.ingest.service.imports.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Seeds the product registry from {@code db/seed/products.csv}, the one source of truth for the initial
 * list ({@code ticker,issuer,asset,kind,inception_date}). Existing tickers are left as they are.
 */
public class V2__seed_products extends BaseJavaMigration {

    static final String SEED = "/db/seed/products.csv";

    @Override
    public void migrate(Context context) throws Exception {
        Csv.Table table = Csv.read(readSeed());
        if (!table.errors().isEmpty()) {
            throw new IllegalStateException(SEED + " is not valid: " + table.errors());
        }
        if (!table.header().equals(List.of("ticker", "issuer", "asset", "kind", "inception_date"))) {
            throw new IllegalStateException(SEED + " has an unexpected header: " + table.header());
        }
        String sql = "INSERT INTO product (ticker, issuer, asset, kind, inception_date) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (ticker) DO NOTHING";
        try (PreparedStatement insert = context.getConnection().prepareStatement(sql)) {
            for (Csv.Record record : table.records()) {
                List<String> fields = record.fields();
                String inception = fields.get(4).trim();
                insert.setString(1, fields.get(0).trim());
                insert.setString(2, fields.get(1).trim());
                insert.setString(3, fields.get(2).trim());
                insert.setString(4, fields.get(3).trim());
                insert.setDate(5, inception.isEmpty() ? null : Date.valueOf(LocalDate.parse(inception)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static byte[] readSeed() throws IOException {
        try (InputStream in = V2__seed_products.class.getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException(SEED + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }
}
