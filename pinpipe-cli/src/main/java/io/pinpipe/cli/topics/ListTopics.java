package io.pinpipe.cli.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code pinpipe topics list}: topic names, one per line, sorted. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List topic names, one per line.")
final class ListTopics extends TopicsCommand.Sub implements Callable<Integer> {

    @Option(names = "--internal", description = "Include internal topics (__consumer_offsets...).")
    private boolean internal;

    @Override
    public Integer call() throws Exception {
        try (Admin admin = topics.admin()) {
            PrintWriter out = spec.commandLine().getOut();
            new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(internal)).names()
                    .get(30, TimeUnit.SECONDS)).forEach(out::println);
            out.flush();
        }
        return 0;
    }
}
