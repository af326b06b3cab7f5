package io.pinpipe.common;

import java.util.UUID;

/**
 * A record of each source table as the gateway's streams API stores it (the JSON text of a source row), valid for
 * the batch job's checks, with the {@code ind} given: for the tests and the benchmarks of the streaming job. A pin
 * is about 450 bytes, like the course's.
 */
public final class StreamRecordJson {

    private StreamRecordJson() {
    }

    public static String of(SourceTable table, int ind) {
        return switch (table) {
            case PIN -> "{\"index\":" + ind + ",\"unique_id\":\"" + UUID.randomUUID() + "\",\"title\":\"A"
                    + " streamed pin, number " + ind + "\",\"description\":\"Measured from the gateway's"
                    + " acknowledgment to the Delta commit\",\"poster_name\":\"Bench\",\"follower_count\":\"12k\","
                    + "\"tag_list\":\"bench,latency,stream\",\"is_image_or_video\":\"image\",\"image_src\":"
                    + "\"https://i.pinimg.com/originals/00/00/bench.jpg\",\"downloaded\":1,\"save_location\":"
                    + "\"Local save in /data/bench\",\"category\":\"bench\"}";
            case GEO -> "{\"ind\":" + ind + ",\"timestamp\":\"2021-03-04T05:06:07\",\"latitude\":12.5,\"longitude\":"
                    + "-45.25,\"country\":\"Benchland\"}";
            case USER -> "{\"ind\":" + ind + ",\"first_name\":\"Bench\",\"last_name\":\"Mark\",\"age\":33,"
                    + "\"date_joined\":\"2017-08-09 10:11:12\"}";
        };
    }
}
