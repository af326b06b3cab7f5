package io.pinpipe.emulator.source;

import io.pinpipe.common.SourceTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The source contract against a real MariaDB server (backtick quoting, DATETIME, utf8mb4), plus its credentials. */
class MariaDbSourceIT extends SourceDatabaseContract {

    private static MariaDbServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = MariaDbServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected SourceDatabase freshDatabase() throws SQLException {
        return server.freshDatabase();
    }

    @Test
    void mariaDbIsReadWithTheMySqlDialect() throws Exception {
        try (var connection = freshDatabase().connect()) {
            assertThat(SqlDialect.of(connection)).isEqualTo(SqlDialect.MYSQL);
            assertThat(new SourceSchema(SqlDialect.MYSQL).selectByKey(SourceTable.PIN))
                    .endsWith("FROM `pinterest_data` WHERE `index` = ?");
        }
    }

    @Test
    void aWrongPasswordFailsWithoutPrintingIt() throws Exception {
        SourceDatabase good = freshDatabase();
        String wrong = server.password() + "-wrong";
        SourceDatabase bad = new SourceDatabase(server.url("source_1") + "?password=" + wrong, MariaDbServer.USER,
                wrong);
        assertThat(good.toString()).doesNotContain(server.password());
        assertThatThrownBy(bad::connect).isInstanceOf(SourceException.class)
                .hasMessageContaining("cannot connect to the source")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(server.password()));
    }
}
