package io.pinpipe.emulator.source;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of the source database, declared in one place. The password comes from the config file or
 * {@code PINPIPE_SOURCE_PASSWORD}, never from code, and is never printed.
 */
public final class SourceSettings {

    public static final ConfigKey URL = ConfigKey.of("source.url", null,
            "JDBC URL of the source database; default: the embedded H2 file under <data-dir>/source/");
    public static final ConfigKey USER = ConfigKey.of("source.user", "",
            "user name for the source database (empty for the embedded H2 file)");
    public static final ConfigKey PASSWORD = ConfigKey.secret("source.password",
            "password for the source database; prefer the environment variable PINPIPE_SOURCE_PASSWORD");

    public static final List<ConfigKey> KEYS = List.of(URL, USER, PASSWORD);

    private SourceSettings() {
    }

    /**
     * The source these settings name; without {@code source.url}, the embedded H2 file of {@code dataDir}.
     *
     * @param urlOverride a URL given on the command line, or null
     */
    public static SourceDatabase database(Settings settings, Path dataDir, String urlOverride) {
        String url = urlOverride != null ? urlOverride : settings.find(URL.name()).orElse(null);
        String user = settings.find(USER.name()).orElse("");
        String password = settings.find(PASSWORD.name()).orElse("");
        if (url == null || url.isBlank()) {
            return SourceDatabase.embedded(dataDir, user, password);
        }
        return new SourceDatabase(url.trim(), user, password);
    }
}
