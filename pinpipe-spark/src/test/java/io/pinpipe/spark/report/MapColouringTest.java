package io.pinpipe.spark.report;

import io.pinpipe.spark.ResultTable;
import io.pinpipe.spark.questions.Questions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MapColouringTest {

    private static ResultTable q1(List<List<Object>> rows) {
        return new ResultTable(Questions.all().get(0), List.of("country", "category", "category_count"), rows);
    }

    @Test
    void eachCategoryHasItsColourAndATieHasOneOfItsOwn() {
        ResultTable result = q1(List.of(List.of("Brazil", "travel", 4L), List.of("Chad", "art", 2L),
                List.of("Peru", "art", 3L), List.of("Peru", "diy", 3L)));

        MapColouring colouring = MapColouring.byCategory(result, "country", "category");

        String art = MapColouring.CATEGORY_COLOURS.get(0);
        String travel = MapColouring.CATEGORY_COLOURS.get(1);
        assertThat(colouring.colourOf()).containsEntry("Chad", art).containsEntry("Brazil", travel)
                .containsEntry("Peru", MapColouring.TIE).hasSize(3);
        assertThat(colouring.legend()).extracting(MapColouring.Swatch::label)
                .containsExactly("art", "travel", "a tie (see the table)", "no answer");
    }

    @Test
    void categoriesPastThePaletteShareOneColour() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < MapColouring.CATEGORY_COLOURS.size() + 2; i++) {
            rows.add(List.of("country" + i, String.format("c%02d", i), 1L));
        }

        MapColouring colouring = MapColouring.byCategory(q1(rows), "country", "category");

        assertThat(colouring.colourOf().values()).filteredOn(MapColouring.OTHER::equals).hasSize(2);
        assertThat(colouring.legend()).extracting(MapColouring.Swatch::label).contains("other categories")
                .doesNotContain("c14", "c15");
    }

    @Test
    void valuesFillStepsOfEqualRatioFromTheSmallestToTheLargest() {
        ResultTable q3 = new ResultTable(Questions.all().get(2), List.of("country", "poster_name", "follower_count"),
                List.of(List.of("A", "a", 9L), List.of("B", "b", 300L), List.of("C", "c", 50_000L),
                        List.of("D", "d", 999_999L), List.of("D", "tied", 999_999L)));

        MapColouring colouring = MapColouring.byScale(q3, "country", "follower_count");

        List<String> steps = MapColouring.SCALE_COLOURS;
        // log10(1 + v) runs from 1 to 6 in five steps of one decade each.
        assertThat(colouring.colourOf()).containsEntry("A", steps.get(0)).containsEntry("B", steps.get(1))
                .containsEntry("C", steps.get(3)).containsEntry("D", steps.get(4)).hasSize(4);
        assertThat(colouring.legend()).extracting(MapColouring.Swatch::label).containsExactly(
                "follower_count 9 to 98", "follower_count 99 to 998", "follower_count 999 to 9998",
                "follower_count 9999 to 99998", "follower_count 99999 to 999999", "no answer");
    }

    @Test
    void oneValueForAllIsOneStep() {
        MapColouring.Scale scale = MapColouring.Scale.of(List.of(5.0, 5.0), 5);

        assertThat(scale.steps()).isEqualTo(1);
        assertThat(scale.step(5)).isZero();
        assertThat(scale.label(0)).isEqualTo("5");
    }
}
