package io.pinpipe.emulator.dataset;

import java.time.LocalDateTime;

/**
 * {@code YYYY-MM-DD HH:MM:SS}, the form the database prints (same text as {@code Datetimes.DATABASE}), written
 * digit by digit because a {@code DateTimeFormatter} costs more than the rest of a geo row.
 */
final class DatabaseDatetimes {

    private DatabaseDatetimes() {
    }

    static StringBuilder append(StringBuilder out, LocalDateTime value) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("year " + year + " has no 4-digit database form");
        }
        two(out, year / 100);
        two(out, year % 100);
        two(out.append('-'), value.getMonthValue());
        two(out.append('-'), value.getDayOfMonth());
        two(out.append(' '), value.getHour());
        two(out.append(':'), value.getMinute());
        two(out.append(':'), value.getSecond());
        return out;
    }

    private static void two(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
