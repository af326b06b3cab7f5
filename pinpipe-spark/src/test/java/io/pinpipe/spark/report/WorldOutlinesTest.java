package io.pinpipe.spark.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorldOutlinesTest {

    @Test
    void theProjectionPutsLongitudeAndLatitudeOnOneScale() {
        Equirectangular projection = new Equirectangular(720, 90, -90);

        assertThat(projection.height()).isEqualTo(360);
        assertThat(projection.x(-180)).isZero();
        assertThat(projection.x(0)).isEqualTo(360);
        assertThat(projection.x(180)).isEqualTo(720);
        assertThat(projection.y(90)).isZero();
        assertThat(projection.y(0)).isEqualTo(180);
        assertThat(projection.y(-45)).isEqualTo(270);
        assertThatThrownBy(() -> new Equirectangular(720, -10, 10)).hasMessageContaining("north above south");
    }

    @Test
    void ringsBecomeClosedPathsWithoutPointsThatRoundTogether() {
        Equirectangular projection = new Equirectangular(360, 90, -90);
        List<double[]> square = List.of(new double[] {0, 0}, new double[] {10, 0}, new double[] {10.01, 0},
                new double[] {10, 10}, new double[] {0, 0});
        List<double[]> island = List.of(new double[] {-180, 90}, new double[] {-179, 89}, new double[] {-180, 90});

        assertThat(WorldOutlines.path(List.of(square, island), projection))
                .isEqualTo("M180.0 90.0L190.0 90.0L190.0 80.0L180.0 90.0ZM0.0 0.0L1.0 1.0L0.0 0.0Z");
    }

    @Test
    void aRingAcrossThe180thMeridianIsDrawnAtBothEdgesNotAcrossTheMap() {
        Equirectangular projection = new Equirectangular(360, 90, -90);
        // Fiji-like: 179 E to 179 W and back.
        List<double[]> ring = List.of(new double[] {179, -16}, new double[] {-179, -16}, new double[] {-179, -17},
                new double[] {179, -17}, new double[] {179, -16});

        assertThat(WorldOutlines.path(List.of(ring), projection)).isEqualTo(
                "M359.0 106.0L361.0 106.0L361.0 107.0L359.0 107.0L359.0 106.0Z"
                        + "M-1.0 106.0L1.0 106.0L1.0 107.0L-1.0 107.0L-1.0 106.0Z");
    }

    @Test
    void aRingAroundAPoleIsClosedAlongThatPolesEdge() {
        // Antarctica-like: eastwards all the way round at 70 S, the last step crossing the 180th meridian.
        List<double[]> ring = List.of(new double[] {-180, -70}, new double[] {0, -70}, new double[] {180, -70},
                new double[] {-180, -70});

        assertThat(WorldOutlines.unwrapped(ring)).extracting(point -> point[0] + "," + point[1]).containsExactly(
                "-180.0,-70.0", "0.0,-70.0", "180.0,-70.0", "180.0,-70.0", "180.0,-90.0", "-180.0,-90.0");
    }

    @Test
    void theShippedOutlinesAreNaturalEarthsCountries() {
        WorldOutlines world = WorldOutlines.get();

        assertThat(world.names()).hasSize(177).contains("Brazil", "Antarctica", "Côte d'Ivoire", "Fiji");
        // Brazil lies west of 0 degrees and south of the equator: left of the middle, below it.
        String brazil = world.path("Brazil");
        double x = Double.parseDouble(brazil.substring(1, brazil.indexOf(' ')));
        double y = Double.parseDouble(brazil.substring(brazil.indexOf(' ') + 1, brazil.indexOf('L')));
        assertThat(x).isBetween(WorldOutlines.PROJECTION.x(-75), WorldOutlines.PROJECTION.x(-34));
        assertThat(y).isBetween(WorldOutlines.PROJECTION.y(6), WorldOutlines.PROJECTION.y(-34));
        assertThat(world.path("Atlantis")).isNull();
    }
}
