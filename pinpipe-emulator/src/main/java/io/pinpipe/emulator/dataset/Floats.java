package io.pinpipe.emulator.dataset;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Doubles as Python's {@code repr} prints them (the real sample's form): the shortest digits that read back as the
 * same double, plain notation, at least one decimal ({@code -88.8298}, {@code 2.5748}, {@code 45.0}). Java 17's
 * {@code Double.toString} is not always shortest (fixed only in Java 19), so long results are checked here.
 */
final class Floats {

    private static final int PLAIN_DIGITS = 15;

    private Floats() {
    }

    static String shortest(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("cannot write " + value + " in the database form");
        }
        String text = Double.toString(value);
        if (text.indexOf('E') < 0 && significantDigits(text) <= PLAIN_DIGITS) {
            return text;
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits));
            if (rounded.doubleValue() == value) {
                String plain = rounded.stripTrailingZeros().toPlainString();
                return plain.indexOf('.') < 0 ? plain + ".0" : plain;
            }
        }
        return exact.toPlainString();
    }

    private static int significantDigits(String text) {
        int digits = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '1' && c <= '9' || (c == '0' && !leading)) {
                digits++;
                leading = false;
            }
        }
        return digits;
    }
}
