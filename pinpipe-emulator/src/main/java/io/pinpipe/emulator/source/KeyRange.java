package io.pinpipe.emulator.source;

/** The smallest and largest key of a table and how many rows it holds; {@code rows == 0} for an empty table. */
public record KeyRange(int min, int max, long rows) {

    public boolean isEmpty() {
        return rows == 0;
    }
}
