package io.pinpipe.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A settings table in the docs, checked against the declarations so that it cannot drift: a Markdown table whose
 * rows start {@code | `key` | default |}, the default written {@code `value`}, {@code (empty)} for an empty default
 * and {@code —} for none. Used by every module's docs test.
 */
public final class DocsTable {

    private DocsTable() {
    }

    /**
     * The {@code occurrence}-th table under {@code header} in {@code file} (relative to the project root) lists
     * exactly {@code keys}, each with its real default, and no other key.
     */
    public static void assertMatches(String file, String header, int occurrence, List<ConfigKey> keys)
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
