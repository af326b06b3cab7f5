package io.pinpipe.cli.pipeline;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the batch job's result files ({@code <results>/<question>.json}) against answers computed without Spark. */
public final class ResultFiles {

    private ResultFiles() {
    }

    /** Every answer's file holds its columns (when it has rows) and exactly its rows, in order. */
    public static void assertEqual(Path results, List<Answer> expected) {
        for (Answer answer : expected) {
            Path file = results.resolve(answer.name() + ".json");
            if (!answer.rows().isEmpty()) {
                assertThat(ResultsJson.columns(file)).as("columns of %s", answer.name())
                        .containsExactlyElementsOf(answer.columns());
            }
            assertThat(ResultsJson.rows(file)).as("rows of %s", answer.name())
                    .containsExactlyElementsOf(ResultsJson.normalised(answer));
        }
    }
}
