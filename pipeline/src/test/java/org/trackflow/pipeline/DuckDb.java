package org.trackflow.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads trackflow's Parquet output with DuckDB: a reader that knows nothing of trackflow or Avro. */
public final class DuckDb {
    private DuckDb() {}

    /** Rows of the history, {@code <out>/tracks/**}{@code /*.parquet}, by path. */
    public static List<Map<String, Object>> history(Path out) throws SQLException {
        return query("SELECT * FROM read_parquet('" + out.resolve("tracks") + "/**/*.parquet') ORDER BY path, scan_id");
    }

    /** History rows, or none while nothing is committed yet (for tests that poll a running job). */
    public static List<Map<String, Object>> historyOrEmpty(Path out) {
        try {
            return history(out);
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** Rows of the current view, {@code <out>/current/*.parquet}, by path. */
    public static List<Map<String, Object>> tracks(Path out) throws SQLException {
        return query("SELECT * FROM read_parquet('" + out.resolve("current") + "/*.parquet') ORDER BY path");
    }

    public static List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Array a) {
                        v = List.of((Object[]) a.getArray());
                    }
                    row.put(md.getColumnName(i), v);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
