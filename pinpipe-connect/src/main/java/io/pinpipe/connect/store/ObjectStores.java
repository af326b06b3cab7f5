package io.pinpipe.connect.store;

import io.pinpipe.connect.LakeSinkConfig;

import java.nio.file.Path;

/** Opens the store a connector config asks for. */
public final class ObjectStores {

    private ObjectStores() {
    }

    public static ObjectStore open(LakeSinkConfig config) {
        if (config.isS3()) {
            return new S3Store(S3Store.client(config.getString(LakeSinkConfig.S3_REGION),
                    config.getString(LakeSinkConfig.STORE_URL), config.getBoolean(LakeSinkConfig.S3_PATH_STYLE)),
                    config.getString(LakeSinkConfig.S3_BUCKET), config.getInt(LakeSinkConfig.S3_PART_SIZE));
        }
        return new LocalFolderStore(Path.of(config.getString(LakeSinkConfig.LOCAL_DIR)));
    }
}
