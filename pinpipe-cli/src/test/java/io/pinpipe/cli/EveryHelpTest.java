package io.pinpipe.cli;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Walks the whole command tree: every command's {@code --help} renders, and picocli has nothing to warn about. */
class EveryHelpTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void everyCommandsHelpRendersWithoutWarnings() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).as("the walk reaches nested commands").contains(List.of("dataset", "lake"),
                List.of("connect", "status"), List.of("topics", "create"));

        SoftAssertions softly = new SoftAssertions();
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String name = String.join(" ", args);
            softly.assertThat(run.exitCode()).as(name).isZero();
            softly.assertThat(run.out()).as(name).startsWith("Usage: " + String.join(" ", commandName(path)));
            softly.assertThat(run.err()).as(name).isEmpty();
        }
        softly.assertThat(console.err()).as("what picocli warned about on stderr").isEmpty();
        softly.assertAll();
    }

    /** Every command's path below the root, e.g. {@code [dataset, lake]}, the root's own as {@code []}. */
    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, paths);
            }
        });
    }

    private static List<String> commandName(List<String> path) {
        List<String> name = new ArrayList<>(List.of("pinpipe"));
        name.addAll(path);
        return name;
    }
}
