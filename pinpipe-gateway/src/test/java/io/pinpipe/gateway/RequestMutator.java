package io.pinpipe.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Random damage to a valid request body, the kind a broken or hostile client sends: characters dropped, JSON tokens
 * and troublesome values inserted, spans repeated, the body cut short, emptied or made invalid UTF-8. Driven by one
 * seeded {@link Random}, so a failing run replays exactly from its seed.
 */
final class RequestMutator {

    private static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ",", ":", "-1", "1e400", "null",
            "true", "0", "1.10", "-0", "99999999999999999999", "\"\\ud800\"", "\\", "\"\"", "{}", "[]",
            "\"partition\":", "\"value\":", "\"records\":", "\"Data\":", "\"timestamp\":\"1969-12-31T23:59:59Z\"",
            "\"key\":{\"type\":\"BINARY\",\"data\":\"@@\"}", "\u0000", "\u00e9", "\ud83d\ude00");

    private final Random random;

    RequestMutator(Random random) {
        this.random = random;
    }

    /** A damaged copy of {@code body}; one time in ten the body itself, so valid requests are mixed in. */
    byte[] mutate(String body) {
        int kind = random.nextInt(10);
        String text = body;
        switch (kind) {
            case 0 -> {
                return body.getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> text = deleteSpan(text);
            case 2, 3 -> text = insert(text, TOKENS.get(random.nextInt(TOKENS.size())));
            case 4 -> text = replaceSpan(text, TOKENS.get(random.nextInt(TOKENS.size())));
            case 5 -> text = text.substring(0, random.nextInt(text.length() + 1));
            case 6 -> text = text + text.substring(random.nextInt(text.length()));
            case 7 -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
                return bytes;
            }
            case 8 -> text = random.nextBoolean() ? "" : "[" + text + "]";
            default -> text = insert(insert(text, TOKENS.get(random.nextInt(TOKENS.size()))),
                    TOKENS.get(random.nextInt(TOKENS.size())));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String deleteSpan(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int from = random.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + random.nextInt(4));
        return text.substring(0, from) + text.substring(to);
    }

    private String insert(String text, String token) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + token + text.substring(at);
    }

    private String replaceSpan(String text, String token) {
        if (text.isEmpty()) {
            return token;
        }
        int from = random.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + random.nextInt(6));
        return text.substring(0, from) + token + text.substring(to);
    }
}
