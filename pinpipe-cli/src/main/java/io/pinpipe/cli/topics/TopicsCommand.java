package io.pinpipe.cli.topics;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.gateway.config.GatewayConfig;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Map;

/**
 * {@code pinpipe topics list|create|describe}: talks to any Kafka cluster with the {@code bootstrap.servers},
 * {@code client.*} and {@code admin.*} settings of the config file (the same kafka-rest.properties the gateway reads).
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "List, create and describe Kafka topics (bootstrap.servers and client.* from --config).",
        subcommands = {ListTopics.class, CreateTopics.class, DescribeTopics.class})
public final class TopicsCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "HOST:PORT",
            description = "Overrides 'bootstrap.servers' of the config file.")
    String bootstrapServers;

    /** An Admin client for the configured cluster; the caller closes it. */
    Admin admin() {
        GatewayConfig config = GatewayConfig.load(PinpipeCommand.of(spec).configFile().orElse(null), System.getenv());
        if (bootstrapServers != null) {
            config = config.with(Map.of("bootstrap.servers", bootstrapServers));
        }
        return Admin.create(config.kafka().admin());
    }

    /** The parent of each subcommand, for {@link #admin()}. */
    abstract static class Sub {
        @ParentCommand
        TopicsCommand topics;

        @Spec
        CommandSpec spec;
    }
}
