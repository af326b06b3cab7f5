package io.pinpipe.connect;

import io.pinpipe.common.TestData;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/lake-sink.md's config table is the ConfigDef's: same keys, defaults, values and docs. */
class ConfigDocsTest {

    @Test
    void docsConfigTableMatchesTheConfigDef() throws IOException {
        String table = markdownTable();
        Path generated = Path.of("target", "lake-sink-config-table.md");
        Files.writeString(generated, table);

        String docs = Files.readString(TestData.projectRoot().resolve("docs/lake-sink.md"));

        assertThat(docs).as("docs/lake-sink.md must contain the table in %s", generated.toAbsolutePath())
                .contains(table);
    }

    static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | values | meaning |\n|---|---|---|---|\n");
        List<ConfigDef.ConfigKey> keys = List.copyOf(LakeSinkConfig.CONFIG_DEF.configKeys().values());
        for (ConfigDef.ConfigKey key : keys) {
            Object defaultValue = key.defaultValue;
            String shown = defaultValue == null || defaultValue.toString().isEmpty() ? "" : "`" + defaultValue + "`";
            if (defaultValue instanceof List<?> list) {
                shown = list.isEmpty() ? "" : "`" + String.join(",", list.stream().map(Object::toString).toList()) + "`";
            }
            table.append("| `").append(key.name).append("` | ").append(shown).append(" | ")
                    .append(key.validator == null ? key.type.name().toLowerCase(java.util.Locale.ROOT)
                            : key.validator.toString().replace("|", "\\|"))
                    .append(" | ").append(key.documentation.replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }
}
