package io.pinpipe.connect.store;

import io.pinpipe.connect.LakeSinkConfig;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.util.UUID;

/** Opens the store a connector config asks for. */
public final class ObjectStores {

    private ObjectStores() {
    }

    public static ObjectStore open(LakeSinkConfig config) {
        if (config.isS3()) {
            return openS3(config);
        }
        return new LocalFolderStore(Path.of(config.getString(LakeSinkConfig.LOCAL_DIR)));
    }

    /** {@code s3.conditional.writes}: 'auto' probes under a hidden name in the topics folder on the first write. */
    private static S3Store openS3(LakeSinkConfig config) {
        S3Client client = S3Store.client(config.getString(LakeSinkConfig.S3_REGION),
                config.getString(LakeSinkConfig.STORE_URL), config.getBoolean(LakeSinkConfig.S3_PATH_STYLE));
        String bucket = config.getString(LakeSinkConfig.S3_BUCKET);
        int partSize = config.getInt(LakeSinkConfig.S3_PART_SIZE);
        String mode = config.getString(LakeSinkConfig.S3_CONDITIONAL_WRITES);
        if (!LakeSinkConfig.CONDITIONAL_AUTO.equals(mode)) {
            return new S3Store(client, bucket, partSize, LakeSinkConfig.CONDITIONAL_ON.equals(mode));
        }
        String topicsDir = config.layout().topicsDir();
        String probeKey = (topicsDir.isEmpty() ? "" : topicsDir + "/") + ".pinpipe-probe-" + UUID.randomUUID();
        return S3Store.probing(client, bucket, partSize, probeKey);
    }
}
