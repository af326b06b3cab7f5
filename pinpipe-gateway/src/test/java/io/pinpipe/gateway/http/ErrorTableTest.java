package io.pinpipe.gateway.http;

import io.pinpipe.common.TestData;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/gateway.md's error table has a row for every code of {@link ErrorCodes} (the status is not derived from the
 * code: Confluent answers its retriable Kafka error 50003 with 503).
 */
class ErrorTableTest {

    @Test
    void everyErrorCodeHasItsRowInTheErrorTable() throws Exception {
        List<String> rows = Files.readAllLines(TestData.projectRoot().resolve("docs/gateway.md"),
                StandardCharsets.UTF_8).stream().filter(line -> line.matches("\\| \\d{3} \\| .*")).toList();
        List<Integer> codes = Arrays.stream(ErrorCodes.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == int.class)
                .map(ErrorTableTest::value).filter(code -> code >= 400).toList();
        assertThat(codes).hasSizeGreaterThan(20);
        for (int code : codes) {
            assertThat(rows).as("a row | <status> | %d | in docs/gateway.md", code)
                    .anyMatch(row -> row.split("\\|")[2].matches(".*\\b" + code + "\\b.*"));
        }
    }

    private static int value(Field field) {
        try {
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
