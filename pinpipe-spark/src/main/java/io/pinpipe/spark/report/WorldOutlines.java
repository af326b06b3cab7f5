package io.pinpipe.spark.report;

import io.pinpipe.common.JsonTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The world's country outlines as SVG path data, projected once per JVM.
 *
 * <p>The outlines are Natural Earth's Admin 0 countries at 1:110m (public domain), as the npm package
 * {@code world-atlas} 2.0.2 (ISC licence, Michael Bostock) ships them in {@code countries-110m.json}: 177 countries,
 * named as Natural Earth names them. The build puts that file into the jar (pinpipe-spark's pom.xml says how); it is
 * not kept in the repository.
 */
final class WorldOutlines {

    static final String RESOURCE = "world-atlas/countries-110m.json";
    /** Natural Earth's outlines span 85.6 S to 83.6 N. */
    static final Equirectangular PROJECTION = new Equirectangular(960, 84, -86);

    private final Map<String, String> pathByName;

    private WorldOutlines(Map<String, String> pathByName) {
        this.pathByName = Collections.unmodifiableMap(pathByName);
    }

    static WorldOutlines get() {
        return Holder.INSTANCE;
    }

    /** The outlines' names (Natural Earth's spelling), in the dataset's order. */
    Set<String> names() {
        return pathByName.keySet();
    }

    /** The SVG path data of a country, or null when there is no outline of that name. */
    String path(String name) {
        return pathByName.get(name);
    }

    static WorldOutlines of(List<TopoJson.Outline> outlines, Equirectangular projection) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (TopoJson.Outline outline : outlines) {
            paths.merge(outline.name(), path(outline.rings(), projection), (a, b) -> a + b);
        }
        return new WorldOutlines(paths);
    }

    /**
     * Rings as {@code M x y L x y ... Z}, to a tenth of a pixel, without points that round onto the previous one.
     *
     * <p>The outlines are on the sphere: Russia's, Fiji's and Antarctica's rings cross the 180th meridian, which on a
     * flat map would draw a band across the whole world. So each ring is unwrapped (a step of more than 180 degrees
     * of longitude is taken the short way round, past 180), drawn, and drawn again shifted by 360 degrees where it
     * runs past an edge; the SVG's viewport cuts what lies outside. A ring that goes all the way round (Antarctica)
     * is closed along the pole's edge of the map.
     */
    static String path(List<List<double[]>> rings, Equirectangular projection) {
        StringBuilder path = new StringBuilder();
        for (List<double[]> ring : rings) {
            List<double[]> unwrapped = unwrapped(ring);
            double west = unwrapped.stream().mapToDouble(point -> point[0]).min().orElse(0);
            double east = unwrapped.stream().mapToDouble(point -> point[0]).max().orElse(0);
            append(path, unwrapped, 0, projection);
            if (east > 180) {
                append(path, unwrapped, -360, projection);
            }
            if (west < -180) {
                append(path, unwrapped, 360, projection);
            }
        }
        return path.toString();
    }

    /** The ring with continuous longitudes; one that circles a pole gets two corners on that pole. */
    static List<double[]> unwrapped(List<double[]> ring) {
        List<double[]> points = new ArrayList<>(ring.size() + 2);
        double offset = 0;
        for (double[] point : ring) {
            if (!points.isEmpty()) {
                double step = point[0] + offset - points.get(points.size() - 1)[0];
                offset += step > 180 ? -360 : step < -180 ? 360 : 0;
            }
            points.add(new double[] {point[0] + offset, point[1]});
        }
        if (points.size() > 1 && Math.abs(offset) > 180) {
            double pole = points.stream().mapToDouble(point -> point[1]).average().orElse(0) < 0 ? -90 : 90;
            points.add(new double[] {points.get(points.size() - 1)[0], pole});
            points.add(new double[] {points.get(0)[0], pole});
        }
        return points;
    }

    private static void append(StringBuilder path, List<double[]> ring, double shift, Equirectangular projection) {
        String previous = null;
        for (double[] point : ring) {
            String xy = String.format(Locale.ROOT, "%.1f %.1f", projection.x(point[0] + shift),
                    projection.y(point[1]));
            if (!xy.equals(previous)) {
                path.append(previous == null ? "M" : "L").append(xy);
                previous = xy;
            }
        }
        if (previous != null) {
            path.append('Z');
        }
    }

    /** Loaded on first use, so a run without a report never reads the outlines. */
    private static final class Holder {

        private static final WorldOutlines INSTANCE = load();

        private static WorldOutlines load() {
            try (InputStream in = WorldOutlines.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar: build"
                            + " pinpipe-spark with Maven, which fetches it with npm (see its pom.xml)");
                }
                return of(TopoJson.outlines(JsonTree.parse(in.readAllBytes()), "countries"), PROJECTION);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
