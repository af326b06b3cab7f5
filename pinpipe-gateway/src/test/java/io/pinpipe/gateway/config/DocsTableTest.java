package io.pinpipe.gateway.config;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.TestData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/gateway.md's config table lists every declared key with its real default, and no key that does not exist. */
class DocsTableTest {

    @Test
    void docsTableMatchesTheKeyDeclarations() throws Exception {
        Path docs = TestData.projectRoot().resolve("docs/gateway.md");
        List<String> lines = Files.readAllLines(docs, StandardCharsets.UTF_8);
        int header = lines.indexOf("| key | default | meaning | accepted values |");
        assertThat(header).as("the config table header in docs/gateway.md").isNotNegative();
        List<String> rows = lines.subList(header + 2, lines.size()).stream().takeWhile(line -> line.startsWith("|"))
                .toList();
        for (ConfigKey key : GatewayKeys.ALL) {
            String expectedStart = "| `" + key.name() + "` | " + (key.defaultValue() == null ? "—"
                    : key.defaultValue().isEmpty() ? "(empty)" : "`" + key.defaultValue() + "`") + " |";
            assertThat(rows).as("docs row for " + key.name()).anyMatch(row -> row.startsWith(expectedStart));
        }
        List<String> declared = GatewayKeys.ALL.stream().map(ConfigKey::name).toList();
        assertThat(rows).hasSameSizeAs(declared);
        rows.stream().map(row -> row.substring(3, row.indexOf('`', 3)))
                .forEach(name -> assertThat(declared).as("documented key " + name + " is declared").contains(name));
    }
}
