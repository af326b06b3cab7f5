package io.pinpipe.cli.topics;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsCommandIT {

    @Test
    void createListAndDescribeTalkToTheConfiguredCluster(@TempDir Path dir) throws Exception {
        try (LocalKafka kafka = LocalKafka.inFolder(dir.resolve("kafka")).start()) {
            Path config = Files.writeString(dir.resolve("kafka-rest.properties"),
                    "bootstrap.servers = " + kafka.bootstrapServers() + "\nzookeeper.connect=legacy:2181\n");
            String[] common = {"--data-dir", dir.toString(), "--config", config.toString()};

            assertThat(run(common, "topics", "create", "--partitions", "3", "abc.pin", "abc.geo").output)
                    .contains("created abc.pin (3 partitions)", "2 created, 0 already existed");
            assertThat(run(common, "topics", "create", "--if-not-exists", "abc.pin").output)
                    .contains("0 created, 1 already existed");
            Result again = run(common, "topics", "create", "abc.pin");
            assertThat(again.exitCode).isEqualTo(1);
            assertThat(again.errors).contains("abc.pin");
            assertThat(run(common, "topics", "list").output.lines()).containsExactly("abc.geo", "abc.pin");
            assertThat(run(common, "topics", "describe", "abc.pin").output)
                    .contains("abc.pin  partitions=3", "partition 2  leader=1", "0 records");
            assertThat(run(common, "topics", "describe", "missing").exitCode).isEqualTo(2);
        }
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private static Result run(String[] common, String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        int code = commandLine.execute(all);
        return new Result(code, out.toString(), err.toString());
    }
}
