package io.pinpipe.cli.connect;

import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import io.pinpipe.common.TopicLayout;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the lake sink writes the lake, computed from the settings in this one place: the worker writes there and
 * {@code batch}, {@code demo}'s reconciliation and {@code dataset lake} read or write there, so a changed
 * {@code connect.lake.dir}, {@code connect.topics.dir} or {@code connect.store} cannot leave a reader looking at an
 * empty lake.
 *
 * <ul>
 *     <li>{@code connect.store=local}: {@code connect.lake.dir} (made absolute), else {@code <data-dir>/lake};</li>
 *     <li>{@code connect.store=s3}: {@code s3a://<connect.s3.bucket.name>}, the bucket the sink writes to;</li>
 *     <li>either way the topic folders lie under {@code connect.topics.dir} (the sink's {@code topics.dir}, which
 *     is also the key prefix in S3).</li>
 * </ul>
 *
 * @param root      the lake's root as the Spark job takes it: an absolute folder or an {@code s3a://} URL
 * @param folder    the root as a local folder; empty when the lake is in S3
 * @param topicsDir the folder under the root that holds the topic folders
 */
public record LakeLocation(String root, Optional<Path> folder, String topicsDir) {

    private static final String S3A = "s3a://";

    public static LakeLocation of(DataFolder dataFolder, Settings settings) {
        String topicsDir = settings.get(ConnectSettings.TOPICS_DIR);
        if ("s3".equals(settings.get(ConnectSettings.STORE))) {
            String bucket = settings.get(ConnectSettings.S3_BUCKET).trim();
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("setting '" + ConnectSettings.STORE.name() + "' is 's3' but '"
                        + ConnectSettings.S3_BUCKET.name() + "' is empty: name the bucket the lake is in");
            }
            return new LakeLocation(S3A + bucket, Optional.empty(), topicsDir);
        }
        Path folder = localLake(dataFolder, settings);
        return new LakeLocation(folder.toString(), Optional.of(folder), topicsDir);
    }

    /** The lake folder for {@code connect.store=local}: {@code connect.lake.dir} made absolute, else the default. */
    public static Path localLake(DataFolder dataFolder, Settings settings) {
        String configured = settings.get(ConnectSettings.LAKE_DIR).trim();
        return configured.isEmpty() ? dataFolder.lake() : Path.of(configured).toAbsolutePath().normalize();
    }

    /** The object names of this lake (the sink's default partitioner and padding, under {@link #topicsDir}). */
    public TopicLayout layout() {
        return new TopicLayout(topicsDir, TopicLayout.DEFAULT_PAD_WIDTH);
    }

    /**
     * The local lake folder, for a command that can only work on one.
     *
     * @param command the command, named in the error
     * @throws IllegalArgumentException when the lake is in S3
     */
    public Path localFolder(String command) {
        return folder.orElseThrow(() -> new IllegalArgumentException(command + " needs a local lake folder, but"
                + " setting '" + ConnectSettings.STORE.name() + "' puts the lake in " + root + "; give --lake DIR"));
    }
}
