package io.pinpipe.cli.stream;

import java.util.List;

/**
 * Whether the stream job kept up during a part of the run at a steady rate. Its lag (records acknowledged, not yet
 * in a committed row) is a saw: it climbs while a micro-batch runs and drops at each commit. The lowest lag in the
 * first and in the last third of the part compares like with like; a job that keeps up ends where it started,
 * one that falls behind ends higher. Lags are stated in seconds of records at the part's rate.
 *
 * @param startSeconds the lowest lag in the first third
 * @param endSeconds   the lowest lag in the last third
 */
record LagTrend(double startSeconds, double endSeconds) {

    /** Falling this much further behind over one part (60 s by default) is more than the saw's noise. */
    static final double GROWTH_SECONDS = 3.0;
    /** A job this far behind cannot give a p95 under 10 s. */
    static final double MAX_SECONDS = 10.0;

    static LagTrend of(List<JobWatch.Sample> samples, int rate) {
        if (samples.size() < 3) {
            throw new IllegalStateException("too few lag samples (" + samples.size() + ") to judge the job's lag");
        }
        int third = samples.size() / 3;
        return new LagTrend(lowest(samples.subList(0, third)) / (double) rate,
                lowest(samples.subList(samples.size() - third, samples.size())) / (double) rate);
    }

    boolean growing() {
        return endSeconds - startSeconds > GROWTH_SECONDS;
    }

    boolean keptUp() {
        return !growing() && endSeconds < MAX_SECONDS;
    }

    @Override
    public String toString() {
        return String.format("lag %.1f s -> %.1f s of records%s", startSeconds, endSeconds,
                growing() ? " (growing)" : endSeconds >= MAX_SECONDS ? " (too far behind)" : " (steady)");
    }

    private static long lowest(List<JobWatch.Sample> samples) {
        return samples.stream().mapToLong(JobWatch.Sample::lag).min().orElseThrow();
    }
}
