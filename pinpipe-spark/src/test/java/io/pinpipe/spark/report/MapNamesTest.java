package io.pinpipe.spark.report;

import io.pinpipe.common.JsonTree;
import io.pinpipe.common.TestData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MapNamesTest {

    /** The generator's country list (the emulator draws countries from it, weighted by its row counts). */
    static Set<String> generatorCountries() throws IOException {
        Path tsv = TestData.projectRoot()
                .resolve("pinpipe-emulator/src/main/resources/io/pinpipe/emulator/dataset/countries.tsv");
        Set<String> countries = new TreeSet<>();
        for (String line : Files.readAllLines(tsv)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                countries.add(line.substring(0, line.indexOf('\t')));
            }
        }
        return countries;
    }

    static Set<String> realSampleCountries() throws IOException {
        Set<String> countries = new TreeSet<>();
        for (String line : Files.readAllLines(TestData.realSample().resolve("geolocation_data.jsonl"))) {
            countries.add(JsonTree.parse(line).get("country").asText());
        }
        return countries;
    }

    @Test
    void everyCountryOfTheGeneratorAndTheRealSampleIsDrawnOrListedAsNotOnTheMap() throws IOException {
        Set<String> countries = new TreeSet<>(generatorCountries());
        countries.addAll(realSampleCountries());
        MapNames names = MapNames.get();
        WorldOutlines world = WorldOutlines.get();

        assertThat(countries).hasSizeGreaterThan(200);
        assertThat(countries).allSatisfy(country -> {
            boolean drawn = names.outlineName(country).map(world::path).isPresent();
            assertThat(drawn || names.notOnMap().containsKey(country))
                    .as("%s has an outline or a line \"%s ! why\" in %s", country, country, MapNames.RESOURCE)
                    .isTrue();
        });
        // Spot checks of the table: a respelling, a tiny island, an ambiguous name.
        assertThat(names.outlineName("Cote d'Ivoire")).contains("Côte d'Ivoire");
        assertThat(names.outlineName("Antarctica (the territory South of 60 deg S)")).contains("Antarctica");
        assertThat(names.whyNotOnMap("Tuvalu")).isEqualTo("too small for the 1:110m outlines");
        assertThat(names.outlineName("Korea")).isEmpty();
        assertThat(names.outlineName("Congo")).as("Natural Earth's Congo is one of two the name may mean").isEmpty();
    }

    @Test
    void everyNameTheTableMentionsIsADatasetNameAndEveryAliasAnOutline() throws IOException {
        Set<String> countries = generatorCountries();
        MapNames names = MapNames.get();
        Set<String> outlines = WorldOutlines.get().names();

        assertThat(names.aliases().keySet()).allSatisfy(name -> assertThat(countries).contains(name));
        assertThat(names.notOnMap().keySet()).allSatisfy(name -> assertThat(countries).contains(name));
        assertThat(names.aliases().values()).allSatisfy(outline -> assertThat(outlines).contains(outline))
                .doesNotHaveDuplicates();
        // A name the table does not mention must be drawn under its own name, so no two names share an outline.
        assertThat(names.aliases().values()).allSatisfy(outline -> assertThat(countries).doesNotContain(outline));
    }

    @Test
    void aMalformedOrRepeatedLineIsRejectedWithItsNumber() {
        assertThatThrownBy(() -> parse("# comment\nA = B\nC: D\n"))
                .hasMessageContaining("line 3 is neither").hasMessageContaining("C: D");
        assertThatThrownBy(() -> parse("A = B\nA ! tiny\n")).hasMessageContaining("line 2 names A again");
    }

    @Test
    void aNameTheTableDoesNotKnowIsLookedUpAsItIs() throws IOException {
        MapNames names = parse("Czech Republic = Czechia\nTuvalu ! tiny\n");

        assertThat(names.outlineName("Czech Republic")).contains("Czechia");
        assertThat(names.outlineName("Brazil")).contains("Brazil");
        assertThat(names.outlineName("Tuvalu")).isEmpty();
        assertThat(names.whyNotOnMap("Tuvalu")).isEqualTo("tiny");
        assertThat(names.whyNotOnMap("Atlantis")).isEqualTo(MapNames.NO_OUTLINE);
    }

    private static MapNames parse(String text) throws IOException {
        return MapNames.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
