package io.pinpipe.cli.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** {@code pinpipe topics describe NAME...}: partitions with leader, replicas, in-sync replicas and offsets. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe topics: partitions, leader, replicas, in-sync replicas, offsets.")
final class DescribeTopics extends TopicsCommand.Sub implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "TOPIC")
    private List<String> names;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = topics.admin()) {
            Map<String, TopicDescription> descriptions;
            try {
                descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalArgumentException("cannot describe " + String.join(", ", names) + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
            for (String name : names) {
                TopicDescription description = descriptions.get(name);
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (TopicPartitionInfo info : description.partitions()) {
                    earliest.put(new TopicPartition(name, info.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(name, info.partition()), OffsetSpec.latest());
                }
                var first = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
                var last = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                out.printf("%s  partitions=%d%n", name, description.partitions().size());
                long total = 0;
                for (TopicPartitionInfo info : description.partitions()) {
                    TopicPartition partition = new TopicPartition(name, info.partition());
                    long begin = first.get(partition).offset();
                    long end = last.get(partition).offset();
                    total += end - begin;
                    out.printf("  partition %d  leader=%s  replicas=%s  isr=%s  offsets=%d..%d%n", info.partition(),
                            info.leader() == null ? "none" : info.leader().id(), ids(info.replicas()),
                            ids(info.isr()), begin, end);
                }
                out.printf("  %d records%n", total);
            }
            out.flush();
        }
        return 0;
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(node -> Integer.toString(node.id())).collect(Collectors.joining(",", "[", "]"));
    }
}
