package io.pinpipe.common;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one rule for hiding secrets in anything pinpipe prints or logs: settings, Kafka and Connect client configs,
 * URLs (JDBC ones included) and messages from drivers. Every place that shows a setting or a URL goes through here,
 * so a new kind of secret is hidden everywhere by one change.
 *
 * <ul>
 *     <li>a setting is secret when its name says so: {@code *password*}, {@code *secret*}, {@code *token*},
 *     {@code *credential*}, {@code sasl.jaas.config}, {@code *user.info}, {@code *private*}, a name ending in
 *     {@code key} or {@code keys} ({@code ssl.keystore.key}, a PEM private key; {@code api.key}; AWS'
 *     {@code fs.s3a.access.key}, {@code aws.secret.access.key});</li>
 *     <li>in any text, the user-info of a URL ({@code jdbc:mysql://user:secret@host/db} becomes
 *     {@code jdbc:mysql://[hidden]@host/db}) and the value of a parameter whose name ends like a secret
 *     ({@code password=}, {@code sslpassword=}, {@code token=}, {@code api_key=}, {@code X-Amz-Signature=}).</li>
 * </ul>
 */
public final class Redaction {

    /** What a hidden value is printed as. */
    public static final String HIDDEN = "[hidden]";

    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(password|passwd|secret|token|credential|jaas|user[._-]?info|private).*|.*key|.*keys");
    /** {@code scheme://user-info@}: everything up to the last {@code @} before the path is user-info. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/?#\\s]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)(\\b[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|credentials?|signature|key)\\s*=\\s*)"
                    + "(\"[^\"]*\"|'[^']*'|[^;&,\\s)]*)");

    private Redaction() {
    }

    /** True for a setting whose value must never be printed. */
    public static boolean isSecretKey(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /** {@code text} with URL user-info and secret parameters hidden; null stays null. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String withoutUserInfo = USER_INFO.matcher(text).replaceAll("$1" + HIDDEN + "@");
        return SECRET_PARAMETER.matcher(withoutUserInfo).replaceAll("$1" + HIDDEN);
    }

    /**
     * {@code text} with URL user-info, secret parameters and each of {@code knownSecrets} hidden: for messages from
     * a driver or a library that may quote a password it was given.
     */
    public static String text(String text, String... knownSecrets) {
        String result = text(text);
        if (result == null) {
            return null;
        }
        for (String secret : knownSecrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, HIDDEN);
            }
        }
        return result;
    }

    /** Settings or client configs as they may be printed: secret values hidden, others passed through {@link #text}. */
    public static Map<String, String> map(Map<String, ?> settings) {
        Map<String, String> result = new TreeMap<>();
        settings.forEach((name, value) -> result.put(name, isSecretKey(name) ? HIDDEN
                : text(String.valueOf(value))));
        return result;
    }
}
