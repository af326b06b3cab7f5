package io.pinpipe.gateway.config;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.TestData;
import io.pinpipe.gateway.consumer.ConsumerSettings;
import io.pinpipe.gateway.streams.StreamsSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each settings table of the gateway's docs lists every declared key of its component with its real default, and no
 * key that does not exist: docs/gateway.md for {@link GatewayKeys}, docs/gateway-consumers-and-streams.md for
 * {@link ConsumerSettings} and {@link StreamsSettings}.
 */
class DocsTableTest {

    private static final String GATEWAY_HEADER = "| key | default | meaning | accepted values |";
    private static final String API_HEADER = "| key | default | meaning |";

    @Test
    void docsTableMatchesTheKeyDeclarations() throws Exception {
        assertTableMatches("docs/gateway.md", GATEWAY_HEADER, 1, GatewayKeys.ALL);
    }

    @Test
    void consumerSettingsTableMatchesTheKeyDeclarations() throws Exception {
        assertTableMatches("docs/gateway-consumers-and-streams.md", API_HEADER, 1, ConsumerSettings.KEYS);
    }

    @Test
    void streamsSettingsTableMatchesTheKeyDeclarations() throws Exception {
        assertTableMatches("docs/gateway-consumers-and-streams.md", API_HEADER, 2, StreamsSettings.KEYS);
    }

    /** The {@code occurrence}-th table under {@code header} in {@code file} lists exactly {@code keys}. */
    private static void assertTableMatches(String file, String header, int occurrence, List<ConfigKey> keys)
            throws IOException {
        Path docs = TestData.projectRoot().resolve(file);
        List<String> lines = Files.readAllLines(docs, StandardCharsets.UTF_8);
        List<Integer> headers = IntStream.range(0, lines.size()).filter(i -> lines.get(i).equals(header)).boxed()
                .toList();
        assertThat(headers).as("settings tables in " + file).hasSizeGreaterThanOrEqualTo(occurrence);
        int start = headers.get(occurrence - 1);
        List<String> rows = lines.subList(start + 2, lines.size()).stream().takeWhile(line -> line.startsWith("|"))
                .toList();
        for (ConfigKey key : keys) {
            String expectedStart = "| `" + key.name() + "` | " + (key.defaultValue() == null ? "—"
                    : key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`") + " |";
            assertThat(rows).as(file + " row for " + key.name()).anyMatch(row -> row.startsWith(expectedStart));
        }
        List<String> declared = keys.stream().map(ConfigKey::name).toList();
        assertThat(rows).as("rows of the table in " + file).hasSameSizeAs(declared);
        rows.stream().map(row -> row.substring(3, row.indexOf('`', 3)))
                .forEach(name -> assertThat(declared).as("documented key " + name + " is declared").contains(name));
    }
}
