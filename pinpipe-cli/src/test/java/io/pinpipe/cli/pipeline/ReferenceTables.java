package io.pinpipe.cli.pipeline;

import java.util.List;

/** The three clean tables of the reference, each ordered by {@code ind}, one row per {@code ind}. */
public record ReferenceTables(List<CleanRows.Pin> pins, List<CleanRows.Geo> geos, List<CleanRows.User> users) {

    public ReferenceTables {
        pins = List.copyOf(pins);
        geos = List.copyOf(geos);
        users = List.copyOf(users);
    }
}
