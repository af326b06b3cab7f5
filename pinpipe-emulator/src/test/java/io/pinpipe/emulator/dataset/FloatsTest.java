package io.pinpipe.emulator.dataset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Doubles are written as Python's repr writes them in the real sample. */
class FloatsTest {

    @Test
    void writesTheRealSamplesCoordinatesAsPrinted() {
        assertThat(Floats.shortest(-88.8298)).isEqualTo("-88.8298");
        assertThat(Floats.shortest(-170.188)).isEqualTo("-170.188");
        assertThat(Floats.shortest(-1.51818)).isEqualTo("-1.51818");
        assertThat(Floats.shortest(-75.3)).isEqualTo("-75.3");
        assertThat(Floats.shortest(0.0123456)).isEqualTo("0.0123456");
    }

    @Test
    void keepsOneDecimalOnWholeNumbersAndTheShortestDigitsOtherwise() {
        assertThat(Floats.shortest(45.0)).isEqualTo("45.0");
        assertThat(Floats.shortest(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Floats.shortest(2e-3)).isEqualTo("0.002");
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThatThrownBy(() -> Floats.shortest(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixDigitRoundingGivesTheNearestDoubleOfTheDecimal() {
        assertThat(People.sixDigits(-88.829812345)).isEqualTo(-88.8298);
        assertThat(People.sixDigits(-170.18849)).isEqualTo(-170.188);
        assertThat(People.sixDigits(2.574801)).isEqualTo(2.5748);
    }
}
