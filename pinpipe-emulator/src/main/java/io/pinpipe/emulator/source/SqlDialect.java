package io.pinpipe.emulator.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between the databases pinpipe reads: how identifiers are quoted ({@code index} is a reserved word)
 * and which column types hold the course's TEXT and DATETIME columns.
 */
public enum SqlDialect {
    /** MySQL and MariaDB: backticks, TEXT, DATETIME, and utf8mb4 so emoji in titles survive. */
    MYSQL('`', "TEXT", "DATETIME", "DOUBLE", " DEFAULT CHARSET=utf8mb4"),
    /** PostgreSQL: double quotes, TEXT, TIMESTAMP. */
    POSTGRESQL('"', "TEXT", "TIMESTAMP", "DOUBLE PRECISION", ""),
    /** H2 (the embedded default): double quotes; its TEXT would be a CLOB, so unbounded VARCHAR instead. */
    H2('"', "CHARACTER VARYING", "TIMESTAMP", "DOUBLE PRECISION", ""),
    /** Anything else: standard SQL. */
    STANDARD('"', "VARCHAR(4000)", "TIMESTAMP", "DOUBLE PRECISION", "");

    private final char quote;
    private final String textType;
    private final String datetimeType;
    private final String doubleType;
    private final String tableOptions;

    SqlDialect(char quote, String textType, String datetimeType, String doubleType, String tableOptions) {
        this.quote = quote;
        this.textType = textType;
        this.datetimeType = datetimeType;
        this.doubleType = doubleType;
        this.tableOptions = tableOptions;
    }

    /** The dialect of an open connection, from the product name its driver reports. */
    public static SqlDialect of(Connection connection) throws SQLException {
        return ofProduct(connection.getMetaData().getDatabaseProductName());
    }

    static SqlDialect ofProduct(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        return STANDARD;
    }

    /** The identifier quoted for this database: {@code `index`} or {@code "index"}. */
    public String quote(String identifier) {
        return quote + identifier + quote;
    }

    public String textType() {
        return textType;
    }

    public String datetimeType() {
        return datetimeType;
    }

    public String doubleType() {
        return doubleType;
    }

    /** Appended to CREATE TABLE. */
    public String tableOptions() {
        return tableOptions;
    }
}
