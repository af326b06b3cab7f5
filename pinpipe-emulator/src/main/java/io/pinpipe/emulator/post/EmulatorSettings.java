package io.pinpipe.emulator.post;

import io.pinpipe.common.ConfigKey;

import java.util.List;

/** The emulator's settings in the pinpipe config file; command-line options override them. */
public final class EmulatorSettings {

    public static final ConfigKey USER_ID = ConfigKey.of("user.id", "pinpipe",
            "the user id in topic names: <id>.pin, streaming-<id>-pin (the course uses the AWS user id)");
    public static final ConfigKey API_KEY = ConfigKey.secret("api.key",
            "API key sent as x-api-key to the gateway; prefer the environment variable PINPIPE_API_KEY");

    public static final List<ConfigKey> KEYS = List.of(USER_ID, API_KEY);

    private EmulatorSettings() {
    }
}
