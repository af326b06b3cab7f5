package io.pinpipe.spark.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes the polygons of one object of a TopoJSON topology into longitude/latitude rings. A topology stores each
 * border once, as an arc shared by the two countries it separates; a ring lists the indexes of its arcs, a negative
 * index {@code ~i} meaning arc {@code i} walked backwards. A quantised topology (one with a {@code transform}) stores
 * each arc as integer steps from the previous point, which {@code scale} and {@code translate} turn into degrees.
 * Only what country outlines use is supported: {@code Polygon} and {@code MultiPolygon} geometries with a
 * {@code name} property.
 */
final class TopoJson {

    /** One named geometry: its rings (outer rings and holes alike), each a list of {@code [longitude, latitude]}. */
    record Outline(String name, List<List<double[]>> rings) {
    }

    private final List<List<double[]>> arcs;

    private TopoJson(List<List<double[]>> arcs) {
        this.arcs = arcs;
    }

    /**
     * The outlines of {@code object} (e.g. {@code countries}) in {@code topology}.
     *
     * @throws IllegalArgumentException when the object is missing or a geometry is of another type or unnamed
     */
    static List<Outline> outlines(JsonNode topology, String object) {
        JsonNode geometries = topology.path("objects").path(object).path("geometries");
        if (!geometries.isArray()) {
            throw new IllegalArgumentException("the topology has no object \"" + object + "\" with geometries");
        }
        TopoJson decoder = new TopoJson(decodeArcs(topology));
        List<Outline> outlines = new ArrayList<>();
        for (JsonNode geometry : geometries) {
            String name = geometry.path("properties").path("name").asText(null);
            if (name == null) {
                throw new IllegalArgumentException("a geometry of \"" + object + "\" has no name property");
            }
            outlines.add(new Outline(name, decoder.rings(geometry, name)));
        }
        return outlines;
    }

    private List<List<double[]>> rings(JsonNode geometry, String name) {
        String type = geometry.path("type").asText();
        List<List<double[]>> rings = new ArrayList<>();
        switch (type) {
            case "Polygon" -> addPolygon(geometry.path("arcs"), rings);
            case "MultiPolygon" -> geometry.path("arcs").forEach(polygon -> addPolygon(polygon, rings));
            default -> throw new IllegalArgumentException(name + " is a " + type + "; only Polygon and MultiPolygon"
                    + " outlines are supported");
        }
        return rings;
    }

    private void addPolygon(JsonNode polygon, List<List<double[]>> rings) {
        for (JsonNode ring : polygon) {
            List<double[]> points = new ArrayList<>();
            for (JsonNode index : ring) {
                List<double[]> arc = arc(index.asInt());
                // Consecutive arcs share their meeting point: keep it once.
                points.addAll(points.isEmpty() ? arc : arc.subList(1, arc.size()));
            }
            rings.add(points);
        }
    }

    private List<double[]> arc(int index) {
        int stored = index >= 0 ? index : ~index;
        if (stored >= arcs.size()) {
            throw new IllegalArgumentException("a ring uses arc " + index + " but the topology has " + arcs.size()
                    + " arcs");
        }
        if (index >= 0) {
            return arcs.get(index);
        }
        List<double[]> reversed = new ArrayList<>(arcs.get(stored));
        Collections.reverse(reversed);
        return reversed;
    }

    /** Every arc in degrees; quantised arcs are delta-decoded first. */
    private static List<List<double[]>> decodeArcs(JsonNode topology) {
        JsonNode transform = topology.path("transform");
        boolean quantised = transform.isObject();
        double scaleX = quantised ? transform.path("scale").path(0).asDouble() : 1;
        double scaleY = quantised ? transform.path("scale").path(1).asDouble() : 1;
        double translateX = quantised ? transform.path("translate").path(0).asDouble() : 0;
        double translateY = quantised ? transform.path("translate").path(1).asDouble() : 0;
        List<List<double[]>> arcs = new ArrayList<>();
        for (JsonNode arc : topology.path("arcs")) {
            List<double[]> points = new ArrayList<>(arc.size());
            long x = 0;
            long y = 0;
            for (JsonNode position : arc) {
                if (quantised) {
                    x += position.path(0).asLong();
                    y += position.path(1).asLong();
                    points.add(new double[] {x * scaleX + translateX, y * scaleY + translateY});
                } else {
                    points.add(new double[] {position.path(0).asDouble(), position.path(1).asDouble()});
                }
            }
            arcs.add(Collections.unmodifiableList(points));
        }
        return arcs;
    }
}
