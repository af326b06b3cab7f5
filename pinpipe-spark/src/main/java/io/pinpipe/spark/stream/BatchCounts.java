package io.pinpipe.spark.stream;

/**
 * What one micro-batch did to one table.
 *
 * @param read        records of the table's topic in the micro-batch
 * @param quarantined records that could not be cleaned (newly recorded or not)
 * @param inserted    rows the clean table did not hold yet
 */
record BatchCounts(long read, long quarantined, long inserted) {

    static final BatchCounts NONE = new BatchCounts(0, 0, 0);

    BatchCounts plus(BatchCounts other) {
        return new BatchCounts(read + other.read, quarantined + other.quarantined, inserted + other.inserted);
    }
}
