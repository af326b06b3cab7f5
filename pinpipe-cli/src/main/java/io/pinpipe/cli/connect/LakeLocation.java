package io.pinpipe.cli.connect;

import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.LakeSinkConfig;
import org.apache.kafka.common.config.ConfigException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Where the lake sink writes the lake, read from the very connector settings the worker runs with
 * ({@link ConnectWorker#connectorConfig}: pinpipe's {@code connect.*} settings, or the connector file of
 * {@code connect.connector.file}), parsed by the sink's own {@link LakeSinkConfig}. The worker writes there and
 * {@code batch}, {@code demo}'s reconciliation and {@code dataset lake} read or write there, so a changed
 * {@code connect.lake.dir}, {@code connect.topics.dir}, {@code connect.store}, or a connector file that says
 * {@code store=s3} or its own {@code topics.dir}, cannot leave a reader looking at an empty lake.
 *
 * <ul>
 *     <li>{@code store=local}: the sink's {@code local.dir} ({@code connect.lake.dir} made absolute, else
 *     {@code <data-dir>/lake});</li>
 *     <li>{@code store=s3}: {@code s3a://<s3.bucket.name>}, the bucket the sink writes to;</li>
 *     <li>either way the object names follow the sink's {@link TopicLayout} ({@code topics.dir}, which is also the
 *     key prefix in S3, and its padding).</li>
 * </ul>
 *
 * @param root   the lake's root as the Spark job takes it: an absolute folder or an {@code s3a://} URL
 * @param folder the root as a local folder; empty when the lake is in S3
 * @param layout the sink's object names under the root
 */
public record LakeLocation(String root, Optional<Path> folder, TopicLayout layout) {

    private static final String S3A = "s3a://";

    public static LakeLocation of(DataFolder dataFolder, Settings settings) {
        LakeSinkConfig sink = sinkConfig(dataFolder, settings);
        if (sink.isS3()) {
            return new LakeLocation(S3A + sink.getString(LakeSinkConfig.S3_BUCKET).trim(), Optional.empty(),
                    sink.layout());
        }
        Path folder = Path.of(sink.getString(LakeSinkConfig.LOCAL_DIR).trim()).toAbsolutePath().normalize();
        return new LakeLocation(folder.toString(), Optional.of(folder), sink.layout());
    }

    /** The lake folder for {@code connect.store=local}: {@code connect.lake.dir} made absolute, else the default. */
    public static Path localLake(DataFolder dataFolder, Settings settings) {
        String configured = settings.get(ConnectSettings.LAKE_DIR).trim();
        return configured.isEmpty() ? dataFolder.lake() : Path.of(configured).toAbsolutePath().normalize();
    }

    /** The folder under the root that holds the topic folders: the sink's {@code topics.dir}. */
    public String topicsDir() {
        return layout.topicsDir();
    }

    /**
     * The local lake folder, for a command that can only work on one.
     *
     * @param command the command, named in the error
     * @throws IllegalArgumentException when the lake is in S3
     */
    public Path localFolder(String command) {
        return folder.orElseThrow(() -> new IllegalArgumentException(command + " needs a local lake folder, but"
                + " the lake sink's settings put the lake in " + root + "; give --lake DIR"));
    }

    private static LakeSinkConfig sinkConfig(DataFolder dataFolder, Settings settings) {
        String file = settings.get(ConnectSettings.CONNECTOR_FILE).trim();
        try {
            return new LakeSinkConfig(ConnectWorker.connectorConfig(dataFolder.root(), settings, new ArrayList<>()));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("cannot tell where the lake is: " + e.getMessage() + " (in "
                    + (file.isEmpty() ? "the connect.* settings" : "connector file " + file + " of setting '"
                    + ConnectSettings.CONNECTOR_FILE.name() + "'") + ")", e);
        }
    }
}
