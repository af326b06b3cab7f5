package io.pinpipe.spark.report;

/**
 * The plate carrée projection: longitude and latitude straight onto x and y, one scale for both, cut to a band of
 * latitudes. Simple enough to check by hand, and it keeps every country, Antarctica included, where a reader expects
 * it on a wall map.
 */
final class Equirectangular {

    private final double width;
    private final double north;
    private final double south;

    /**
     * @param width the map's width for 360 degrees of longitude
     * @param north the latitude of the map's top edge
     * @param south the latitude of its bottom edge
     */
    Equirectangular(double width, double north, double south) {
        if (!(width > 0) || !(north > south)) {
            throw new IllegalArgumentException("a map needs a positive width and north above south, not width "
                    + width + ", north " + north + ", south " + south);
        }
        this.width = width;
        this.north = north;
        this.south = south;
    }

    double width() {
        return width;
    }

    double height() {
        return (north - south) * scale();
    }

    double x(double longitude) {
        return (longitude + 180) * scale();
    }

    double y(double latitude) {
        return (north - latitude) * scale();
    }

    private double scale() {
        return width / 360;
    }
}
