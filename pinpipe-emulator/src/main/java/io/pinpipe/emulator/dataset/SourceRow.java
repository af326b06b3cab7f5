package io.pinpipe.emulator.dataset;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.UserRecord;

/** Row {@code id} of the three source tables together: the pin, where it was posted, and who posted it. */
public record SourceRow(PinRecord pin, GeoRecord geo, UserRecord user) {

    public int id() {
        return pin.index();
    }
}
