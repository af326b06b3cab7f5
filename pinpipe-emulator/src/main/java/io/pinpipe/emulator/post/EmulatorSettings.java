package io.pinpipe.emulator.post;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Topics;

import java.util.List;

/** The emulator's settings in the pinpipe config file; command-line options override them. */
public final class EmulatorSettings {

    public static final ConfigKey USER_ID = Topics.USER_ID;
    public static final ConfigKey API_KEY = ConfigKey.secret("api.key",
            "API key sent as x-api-key to the gateway; prefer the environment variable PINPIPE_API_KEY");

    public static final List<ConfigKey> KEYS = List.of(USER_ID, API_KEY);

    private EmulatorSettings() {
    }
}
