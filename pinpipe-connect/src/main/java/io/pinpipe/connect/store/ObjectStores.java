package io.pinpipe.connect.store;

import io.pinpipe.connect.LakeSinkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.util.UUID;

/** Opens the store a connector config asks for. */
public final class ObjectStores {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStores.class);

    private ObjectStores() {
    }

    public static ObjectStore open(LakeSinkConfig config) {
        if (config.isS3()) {
            S3Client client = S3Store.client(config.getString(LakeSinkConfig.S3_REGION),
                    config.getString(LakeSinkConfig.STORE_URL), config.getBoolean(LakeSinkConfig.S3_PATH_STYLE));
            String bucket = config.getString(LakeSinkConfig.S3_BUCKET);
            return new S3Store(client, bucket, config.getInt(LakeSinkConfig.S3_PART_SIZE),
                    conditionalWrites(config, client, bucket));
        }
        return new LocalFolderStore(Path.of(config.getString(LakeSinkConfig.LOCAL_DIR)));
    }

    /** {@code s3.conditional.writes}, with 'auto' decided by a probe under a hidden name in the topics folder. */
    private static boolean conditionalWrites(LakeSinkConfig config, S3Client client, String bucket) {
        String mode = config.getString(LakeSinkConfig.S3_CONDITIONAL_WRITES);
        if (!LakeSinkConfig.CONDITIONAL_AUTO.equals(mode)) {
            return LakeSinkConfig.CONDITIONAL_ON.equals(mode);
        }
        String topicsDir = config.layout().topicsDir();
        String probeKey = (topicsDir.isEmpty() ? "" : topicsDir + "/") + ".pinpipe-probe-" + UUID.randomUUID();
        boolean honoured = S3Store.honoursIfNoneMatch(client, bucket, probeKey);
        LOG.info(honoured ? "s3://{} honours If-None-Match: files are written conditionally"
                : "s3://{} ignores If-None-Match: each file's name is checked just before it is written", bucket);
        return honoured;
    }
}
