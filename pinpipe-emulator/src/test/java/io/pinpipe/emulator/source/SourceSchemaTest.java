package io.pinpipe.emulator.source;

import io.pinpipe.common.SourceTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceSchemaTest {

    @Test
    void dialectComesFromTheProductName() {
        assertThat(SqlDialect.ofProduct("MariaDB")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.ofProduct("MySQL")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.ofProduct("PostgreSQL")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.ofProduct("H2")).isEqualTo(SqlDialect.H2);
        assertThat(SqlDialect.ofProduct("Apache Derby")).isEqualTo(SqlDialect.STANDARD);
    }

    @Test
    void mySqlTablesUseBackticksCourseTypesAndUtf8mb4() {
        assertThat(new SourceSchema(SqlDialect.MYSQL).createTable(SourceTable.GEO)).isEqualTo(
                "CREATE TABLE IF NOT EXISTS `geolocation_data` (`ind` INT NOT NULL, `timestamp` DATETIME, "
                        + "`latitude` DOUBLE, `longitude` DOUBLE, `country` TEXT, PRIMARY KEY (`ind`))"
                        + " DEFAULT CHARSET=utf8mb4");
    }

    @Test
    void postgreSqlTablesQuoteTheReservedIndexAndUseTimestamp() {
        SourceSchema schema = new SourceSchema(SqlDialect.POSTGRESQL);
        assertThat(schema.createTable(SourceTable.USER)).isEqualTo(
                "CREATE TABLE IF NOT EXISTS \"user_data\" (\"ind\" INT NOT NULL, \"first_name\" TEXT,"
                        + " \"last_name\" TEXT, \"age\" INT, \"date_joined\" TIMESTAMP, PRIMARY KEY (\"ind\"))");
        assertThat(schema.selectByKey(SourceTable.PIN)).startsWith("SELECT \"index\", \"unique_id\"")
                .endsWith(" FROM \"pinterest_data\" WHERE \"index\" = ?");
        assertThat(schema.insert(SourceTable.PIN)).endsWith("VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Test
    void passwordsNeverShowInUrlsOrDescriptions() {
        SourceDatabase database = new SourceDatabase("jdbc:mysql://db:3306/p?user=u&password=hunter2&ssl=true", "u",
                "hunter2");
        assertThat(database.redactedUrl()).isEqualTo("jdbc:mysql://db:3306/p?user=u&password=[hidden]&ssl=true");
        assertThat(database.toString()).doesNotContain("hunter2");
        assertThat(database.redact("Access denied (using password: hunter2)")).doesNotContain("hunter2");

        SourceDatabase userInfo = new SourceDatabase("jdbc:mysql://user:secret@host/db", "", "");
        assertThat(userInfo.redactedUrl()).isEqualTo("jdbc:mysql://[hidden]@host/db");
        assertThat(userInfo.toString()).doesNotContain("secret");
        assertThat(userInfo.redact("cannot reach jdbc:mysql://user:secret@host/db")).doesNotContain("secret");
    }
}
