package io.pinpipe.common;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The two datetime forms of the pipeline. Out, always ISO-8601 {@code YYYY-MM-DDTHH:MM:SS} (the form the course's
 * emulator sends). In, also {@code YYYY-MM-DD HH:MM:SS} (the form the database prints) and an optional fraction of
 * a second, because students' payloads carry both.
 */
public final class Datetimes {

    /** {@code 2020-08-28T03:52:47}: seconds always written, never a fraction or a zone. */
    public static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** {@code 2020-08-28 03:52:47}: how MySQL and the sample files print a DATETIME. */
    public static final DateTimeFormatter DATABASE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private static final DateTimeFormatter LENIENT_INPUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private Datetimes() {
    }

    public static String format(LocalDateTime value) {
        return WIRE.format(value.withNano(0));
    }

    /**
     * Parses either form.
     *
     * @throws IllegalArgumentException naming the text when it is neither form
     */
    public static LocalDateTime parse(String text) {
        String trimmed = text.trim();
        if (trimmed.length() < 19 || (trimmed.charAt(10) != 'T' && trimmed.charAt(10) != ' ')) {
            throw notADatetime(text, null);
        }
        try {
            return LocalDateTime.parse(trimmed, LENIENT_INPUT);
        } catch (DateTimeParseException e) {
            throw notADatetime(text, e);
        }
    }

    private static IllegalArgumentException notADatetime(String text, Exception cause) {
        return new IllegalArgumentException("'" + text
                + "' is not a datetime: expected YYYY-MM-DDTHH:MM:SS or YYYY-MM-DD HH:MM:SS", cause);
    }
}
