package io.pinpipe.emulator.dataset;

import java.time.LocalDateTime;
import java.util.List;

/**
 * JSON objects exactly as the real sample files print a database row (Python's {@code json.dumps} with
 * {@code ensure_ascii=False}): {@code {"ind": 0, "timestamp": "2019-01-01 07:21:13", "latitude": -88.8298}} —
 * ", " and ": " separators, fields in table order, text unescaped beyond what JSON requires, datetimes in the
 * database form (not the ISO wire form {@code JsonCodec} writes, see {@link DatabaseDatetimes}), floats in their
 * shortest form.
 */
final class DatabaseJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DatabaseJson() {
    }

    static void appendObject(StringBuilder out, List<String> names, List<Object> values) {
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendString(out, names.get(i));
            out.append(": ");
            appendValue(out, values.get(i));
        }
        out.append('}');
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value instanceof String text) {
            appendString(out, text);
        } else if (value instanceof Double number) {
            out.append(Floats.shortest(number));
        } else if (value instanceof LocalDateTime datetime) {
            out.append('"');
            DatabaseDatetimes.append(out, datetime);
            out.append('"');
        } else {
            out.append(value);
        }
    }

    static void appendString(StringBuilder out, String text) {
        out.append('"');
        int clean = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, clean, i);
            clean = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        if (clean == 0) {
            out.append(text);
        } else {
            out.append(text, clean, text.length());
        }
        out.append('"');
    }
}
