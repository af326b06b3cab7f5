package io.pinpipe.gateway.front;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One accepted API key and what it may do. Written as the key alone, or the key followed by its rights, separated by
 * spaces: {@code KEY [topics=<regex>] [groups=<regex>] [admin]}. Without {@code topics=} or {@code groups=} the key may
 * use every topic and consumer group the gateway allows; {@code admin} lets it create and delete streams. The
 * regexes match whole names and narrow the gateway-wide lists, never widen them.
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @param secret the key itself, as clients send it in {@code x-api-key}
 * @param topics the topics this key may use; empty for every topic the gateway allows
 * @param groups the consumer groups this key may join; empty for every group the gateway allows
 * @param admin  whether this key may create and delete streams
 */
public record ApiKey(String secret, Optional<Pattern> topics, Optional<Pattern> groups, boolean admin) {

    /**
     * Parses one entry of {@code pinpipe.api.keys} or one line of the keys file.
     *
     * @throws IllegalArgumentException naming the bad right (never the key)
     */
    public static ApiKey parse(String entry) {
        String[] parts = entry.strip().split("\\s+");
        Optional<Pattern> topics = Optional.empty();
        Optional<Pattern> groups = Optional.empty();
        boolean admin = false;
        for (int i = 1; i < parts.length; i++) {
            String right = parts[i];
            if (right.equals("admin")) {
                admin = true;
            } else if (right.startsWith("topics=")) {
                topics = Optional.of(regex(right.substring("topics=".length()), "topics"));
            } else if (right.startsWith("groups=")) {
                groups = Optional.of(regex(right.substring("groups=".length()), "groups"));
            } else {
                throw new IllegalArgumentException("an API key entry has an unknown right '" + right
                        + "'; expected topics=<regex>, groups=<regex> or admin");
            }
        }
        return new ApiKey(parts[0], topics, groups, admin);
    }

    /** True when this key's own topic list lets it use {@code topic}. */
    public boolean mayUseTopic(String topic) {
        return topics.map(pattern -> pattern.matcher(topic).matches()).orElse(true);
    }

    /** True when this key's own group list lets it join {@code group}. */
    public boolean mayUseGroup(String group) {
        return groups.map(pattern -> pattern.matcher(group).matches()).orElse(true);
    }

    @Override
    public String toString() {
        return "ApiKey[[hidden], topics=" + topics.map(Pattern::pattern).orElse("*") + ", groups="
                + groups.map(Pattern::pattern).orElse("*") + ", admin=" + admin + "]";
    }

    private static Pattern regex(String value, String right) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("an API key's " + right + "= is not a regular expression: "
                    + e.getDescription());
        }
    }
}
