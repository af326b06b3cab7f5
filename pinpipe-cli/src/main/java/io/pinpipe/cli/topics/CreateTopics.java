package io.pinpipe.cli.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** {@code pinpipe topics create NAME...}: creates topics; with {@code --if-not-exists} an existing one is fine. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create topics.")
final class CreateTopics extends TopicsCommand.Sub implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "Topic names, e.g. 12c0d092d679.pin")
    private List<String> names;

    @Option(names = "--partitions", defaultValue = "1", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--replication-factor", description = "Replicas per partition (default: the broker's default).")
    private Short replicationFactor;

    @Option(names = "--topic-config", paramLabel = "KEY=VALUE",
            description = "A topic setting, e.g. retention.ms=86400000 (repeatable).")
    private Map<String, String> configs = Map.of();

    @Option(names = "--if-not-exists", description = "Succeed when a topic already exists.")
    private boolean ifNotExists;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, not " + partitions);
        }
        PrintWriter out = spec.commandLine().getOut();
        int created = 0;
        int existing = 0;
        try (Admin admin = topics.admin()) {
            for (String name : names) {
                NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.ofNullable(replicationFactor))
                        .configs(configs);
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    out.println("created " + name + " (" + partitions + " partitions)");
                    created++;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException && ifNotExists) {
                        out.println("exists  " + name);
                        existing++;
                    } else {
                        throw new IllegalStateException("cannot create topic " + name + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        }
        out.println(created + " created, " + existing + " already existed");
        out.flush();
        return 0;
    }
}
