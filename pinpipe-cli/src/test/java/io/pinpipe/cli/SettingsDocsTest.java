package io.pinpipe.cli;

import io.pinpipe.cli.batch.BatchCommand;
import io.pinpipe.cli.connect.ConnectSettings;
import io.pinpipe.cli.stack.StackSettings;
import io.pinpipe.cli.stream.StreamCommand;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.DocsTable;
import io.pinpipe.common.TestData;
import io.pinpipe.common.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings tables users read for the CLI's commands list every declared key with its real default and no key
 * that does not exist: the README's table of {@code pinpipe up} ({@link StackSettings#OWN}), docs/lake-sink.md's
 * table of the worker pinpipe runs ({@link ConnectSettings#ALL}), and the options of docs/batch.md and
 * docs/stream.md, whose defaults name the setting they fall back to.
 */
class SettingsDocsTest {

    private static final String SETTINGS_HEADER = "| key | default | meaning |";
    /** In docs/batch.md's default column: {@code setting `batch.memory`, else `2g`}. */
    private static final Pattern SETTING_FALLBACK = Pattern.compile("setting `([^`]+)`, else `([^`]*)`");

    @Test
    void theReadmesUpTableMatchesTheStackDeclarations() throws Exception {
        DocsTable.assertMatches("README.md", SETTINGS_HEADER, 1, StackSettings.OWN);
    }

    @Test
    void theLakeSinksTableMatchesTheConnectDeclarations() throws Exception {
        DocsTable.assertMatches("docs/lake-sink.md", SETTINGS_HEADER, 1, ConnectSettings.ALL);
    }

    @Test
    void theBatchOptionsNameTheSettingsTheyFallBackToWithTheirRealDefaults() throws Exception {
        assertOptionsNameTheirSettings("docs/batch.md", BatchCommand.SETTINGS, BatchCommand.MEMORY, Topics.USER_ID);
    }

    @Test
    void theStreamOptionsNameTheSettingsTheyFallBackToWithTheirRealDefaults() throws Exception {
        assertOptionsNameTheirSettings("docs/stream.md", StreamCommand.SETTINGS, StreamCommand.MEMORY,
                Topics.USER_ID);
    }

    /**
     * Every {@code setting `key`, else `default`} in a command's options table names a key the command reads, with
     * its declared default; and the command's {@code own} keys are all documented that way.
     */
    private static void assertOptionsNameTheirSettings(String doc, List<ConfigKey> read, ConfigKey... own)
            throws Exception {
        String docs = Files.readString(TestData.projectRoot().resolve(doc), StandardCharsets.UTF_8);
        Map<String, ConfigKey> declared = read.stream().collect(Collectors.toMap(ConfigKey::name, Function.identity()));
        Matcher fallback = SETTING_FALLBACK.matcher(docs);
        int documented = 0;
        while (fallback.find()) {
            documented++;
            assertThat(declared).as("%s names setting %s", doc, fallback.group(1)).containsKey(fallback.group(1));
            assertThat(fallback.group(2)).as("%s's default of %s", doc, fallback.group(1))
                    .isEqualTo(declared.get(fallback.group(1)).defaultValue());
        }
        assertThat(documented).as("options of %s that fall back to a setting", doc).isPositive();
        for (ConfigKey key : own) {
            assertThat(docs).as("%s documents %s", doc, key.name())
                    .contains("setting `" + key.name() + "`, else `" + key.defaultValue() + "`");
        }
    }
}
