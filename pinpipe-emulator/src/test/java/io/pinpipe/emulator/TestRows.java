package io.pinpipe.emulator;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.UserRecord;
import io.pinpipe.emulator.dataset.SourceRow;

import java.time.LocalDateTime;

/** Source rows built in tests: row 7528 exactly as the course database holds it, others made up from the id. */
public final class TestRows {

    private TestRows() {
    }

    public static SourceRow row(int id) {
        if (id == 7528) {
            return new SourceRow(new PinRecord(7528, "fbe53c66-3442-4773-b19e-d3ec6f54dddf", "No Title Data Available",
                    "No description available Story format", "User Info Error", "User Info Error",
                    "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e", "multi-video(story page format)", "Image src error.", 0,
                    "Local save in /data/mens-fashion", "mens-fashion"),
                    new GeoRecord(7528, LocalDateTime.of(2020, 8, 28, 3, 52, 47), -89.9787, -173.293, "Albania"),
                    new UserRecord(7528, "Abigail", "Ali", 20, LocalDateTime.of(2015, 10, 24, 11, 23, 51)));
        }
        return new SourceRow(new PinRecord(id, "00000000-0000-4000-8000-" + String.format("%012d", id),
                "Title \"" + id + "\" with ünïcödé 🎨\nand a newline", "desc… ", "poster " + id, (id % 90 + 1) + "k",
                "a,b,c", "image", "https://i.pinimg.com/originals/aa/bb/cc/" + id + ".jpg", 1,
                "Local save in /data/art", "art"),
                new GeoRecord(id, LocalDateTime.of(2018, 1, 1, 0, 0).plusMinutes(id), -89.5 + id % 100, 179.935,
                        "Cote d'Ivoire"),
                new UserRecord(id, "First" + id, "Last", 20 + id % 40, LocalDateTime.of(2015, 10, 21, 3, 17, 47)));
    }
}
