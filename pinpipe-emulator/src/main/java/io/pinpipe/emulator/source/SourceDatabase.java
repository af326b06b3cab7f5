package io.pinpipe.emulator.source;

import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Redaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where the source tables live: a JDBC URL with its credentials. {@link #toString()} and every error message this
 * class makes hide the password, including one written into the URL itself (as user-info or a parameter).
 */
public final class SourceDatabase {

    /** The H2 file name under {@code <data-dir>/source/}; H2 adds {@code .mv.db}. */
    public static final String EMBEDDED_NAME = "pinpipe";

    private final String url;
    private final String user;
    private final String password;
    private final Path embeddedFile;

    public SourceDatabase(String url, String user, String password) {
        this(url, user, password, null);
    }

    private SourceDatabase(String url, String user, String password, Path embeddedFile) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
        this.embeddedFile = embeddedFile;
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("source URL '" + redactedUrl() + "' is not a JDBC URL (jdbc:...)");
        }
    }

    /**
     * The default source: an H2 file under {@code <dataDir>/source/}, created on first use. AUTO_SERVER lets a
     * second pinpipe process (a loader and an emulator, or several emulators) open the same file at once.
     */
    public static SourceDatabase embedded(Path dataDir, String user, String password) {
        Path base = new DataFolder(dataDir).source().resolve(EMBEDDED_NAME);
        return new SourceDatabase("jdbc:h2:file:" + base + ";AUTO_SERVER=TRUE", user, password, base);
    }

    /** True for the embedded H2 source whose file does not exist yet: it must be created and loaded first. */
    public boolean isMissingEmbeddedFile() {
        return embeddedFile != null
                && !Files.exists(embeddedFile.resolveSibling(embeddedFile.getFileName() + ".mv.db"));
    }

    public boolean isEmbedded() {
        return embeddedFile != null;
    }

    public Connection connect() {
        try {
            if (embeddedFile != null) {
                Files.createDirectories(embeddedFile.getParent());
            }
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new SourceException("cannot connect to the source " + redactedUrl() + ": " + redact(e.getMessage()),
                    null);
        } catch (java.io.IOException e) {
            throw new SourceException("cannot create the folder of " + embeddedFile, e);
        }
    }

    /** The URL as it may be printed: user-info and secret parameters hidden ({@link Redaction}). */
    public String redactedUrl() {
        return Redaction.text(url);
    }

    /** {@code text} with the password and anything {@link Redaction} hides replaced, for messages from a driver. */
    public String redact(String text) {
        return text == null ? "" : Redaction.text(text, password);
    }

    /** A SQL failure as a {@link SourceException} whose message names what was being done and hides the password. */
    public SourceException failure(String doing, SQLException e) {
        return new SourceException(doing + " in " + redactedUrl() + ": " + redact(e.getMessage()), null);
    }

    @Override
    public String toString() {
        return "SourceDatabase[" + redactedUrl() + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : Redaction.HIDDEN) + "]";
    }
}
