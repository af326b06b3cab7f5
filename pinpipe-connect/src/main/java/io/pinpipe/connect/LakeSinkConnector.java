package io.pinpipe.connect;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pinpipe's lake sink: Kafka topics to JSON Lines files in a folder or an S3 bucket, laid out like the Confluent S3
 * sink ({@code topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json}), exactly once. Tasks share one config;
 * Connect spreads the topic partitions over them.
 */
public class LakeSinkConnector extends SinkConnector {

    static final String VERSION = versionOf(LakeSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        new LakeSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LakeSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return LakeSinkConfig.CONFIG_DEF;
    }

    /** Adds the cross-field rules to Connect's per-key validation, on the key each rule is about. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        boolean keysValid = config.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (keysValid) {
            Map<String, String> errors = LakeSinkConfig.keysOnly(connectorConfigs).crossFieldErrors();
            for (ConfigValue value : config.configValues()) {
                String error = errors.get(value.name());
                if (error != null) {
                    value.addErrorMessage(error);
                }
            }
        }
        return config;
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
