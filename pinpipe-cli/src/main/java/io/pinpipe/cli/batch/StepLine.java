package io.pinpipe.cli.batch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A progress line of the Spark job, {@code [pinpipe] step 3/13: what} (written by {@code io.pinpipe.spark.Progress},
 * which the CLI cannot import without putting Spark on its class path).
 */
record StepLine(int step, int total, String what) {

    private static final Pattern LINE = Pattern.compile("\\[pinpipe] step (\\d+)/(\\d+): (.*)");

    static Optional<StepLine> parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new StepLine(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                matcher.group(3)));
    }
}
