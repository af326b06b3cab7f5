package io.pinpipe.emulator.dataset;

import java.time.LocalDateTime;
import java.util.List;

/**
 * RFC 4180 records: a field is quoted when it holds a comma, a double quote (doubled inside), a line break, or
 * starts or ends with whitespace (which some readers would trim); everything else is written bare. Records end
 * with {@code \n} like every pinpipe data file.
 */
final class Csv {

    private Csv() {
    }

    static void appendRecord(StringBuilder out, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendField(out, text(values.get(i)));
        }
    }

    private static String text(Object value) {
        if (value instanceof Double number) {
            return Floats.shortest(number);
        }
        if (value instanceof LocalDateTime datetime) {
            return DatabaseDatetimes.append(new StringBuilder(19), datetime).toString();
        }
        return String.valueOf(value);
    }

    static void appendField(StringBuilder out, String field) {
        if (!needsQuotes(field)) {
            out.append(field);
            return;
        }
        out.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsQuotes(String field) {
        if (field.isEmpty()) {
            return false;
        }
        if (Character.isWhitespace(field.charAt(0)) || Character.isWhitespace(field.charAt(field.length() - 1))
                || Character.isSpaceChar(field.charAt(0)) || Character.isSpaceChar(field.charAt(field.length() - 1))) {
            return true;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
