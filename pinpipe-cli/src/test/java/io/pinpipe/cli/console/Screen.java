package io.pinpipe.cli.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A terminal's screen for tests: the bytes written to it, and the lines a person would see once the carriage
 * returns and erase-line sequences the live line uses have done their work.
 */
final class Screen {

    private static final String ERASE_TO_END = "\033[K";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The visible lines, the last one included even when it does not end with a newline. */
    List<String> lines() {
        String text = written();
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (text.startsWith(ERASE_TO_END, i)) {
                line.setLength(column);
                i += ERASE_TO_END.length() - 1;
            } else if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                column = 0;
            } else {
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
