package io.pinpipe.common;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One declared setting: its name, its default (null when it has none), what it means, which values are legal, and
 * whether it is a secret that must never be printed. Components declare their keys as constants in one class and
 * read them through {@link Settings}, so the README tables and the validation come from the same place.
 */
public record ConfigKey(String name, String defaultValue, String doc, boolean secret, Predicate<String> validator,
                        String expected) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(expected, "expected");
    }

    public static ConfigKey of(String name, String defaultValue, String doc) {
        return new ConfigKey(name, defaultValue, doc, false, value -> true, "any text");
    }

    public static ConfigKey secret(String name, String doc) {
        return new ConfigKey(name, null, doc, true, value -> true, "any text");
    }

    public static ConfigKey positiveInt(String name, int defaultValue, String doc) {
        return new ConfigKey(name, Integer.toString(defaultValue), doc, false, ConfigKey::isPositiveInt,
                "a whole number of at least 1");
    }

    /**
     * A true/false setting: {@code true} or {@code false} in any case, surrounding blanks ignored, anything else
     * refused. Read it with {@link Settings#getBoolean}, the one parser of booleans.
     */
    public static ConfigKey bool(String name, boolean defaultValue, String doc) {
        return new ConfigKey(name, Boolean.toString(defaultValue), doc, false, ConfigKey::isBoolean, "true or false");
    }

    /** A Java regular expression, refused at start when it does not compile. */
    public static ConfigKey regex(String name, String defaultValue, String doc) {
        return new ConfigKey(name, defaultValue, doc, false, ConfigKey::isRegex, "a Java regular expression");
    }

    /** True for {@code true} or {@code false}, any case, blanks around ignored. */
    public static boolean isBoolean(String value) {
        String trimmed = value.trim();
        return "true".equalsIgnoreCase(trimmed) || "false".equalsIgnoreCase(trimmed);
    }

    /**
     * The environment variable that overrides this key: {@code PINPIPE_} + the name upper-cased, '.' and '-' as '_'.
     */
    public String environmentVariable() {
        return Settings.environmentVariable(name);
    }

    private static boolean isRegex(String value) {
        try {
            Pattern.compile(value);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static boolean isPositiveInt(String value) {
        try {
            return Integer.parseInt(value.trim()) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
