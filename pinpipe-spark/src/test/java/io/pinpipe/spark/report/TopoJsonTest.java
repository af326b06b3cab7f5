package io.pinpipe.spark.report;

import io.pinpipe.common.JsonTree;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopoJsonTest {

    /**
     * Two squares sharing the border x = 1, quantised with scale 0.5 and translate (-1, -2): arc 0 is the shared
     * border (1,0) up to (1,1), arc 1 the rest of the left square, arc 2 the rest of the right one.
     */
    private static final String SQUARES = """
            {"type":"Topology",
             "transform":{"scale":[0.5,0.5],"translate":[-1,-2]},
             "arcs":[[[4,4],[0,2]],
                     [[4,6],[-2,0],[0,-2],[2,0]],
                     [[4,4],[2,0],[0,2],[-2,0]]],
             "objects":{"countries":{"type":"GeometryCollection","geometries":[
               {"type":"Polygon","arcs":[[0,1]],"properties":{"name":"Left"}},
               {"type":"MultiPolygon","arcs":[[[2,-1]]],"properties":{"name":"Right"}}]}}}
            """;

    private static List<String> points(List<double[]> ring) {
        return ring.stream().map(p -> p[0] + "," + p[1]).toList();
    }

    @Test
    void quantisedArcsAreDeltaDecodedAndSharedBordersWalkedBothWays() throws Exception {
        List<TopoJson.Outline> outlines = TopoJson.outlines(JsonTree.parse(SQUARES), "countries");

        assertThat(outlines).extracting(TopoJson.Outline::name).containsExactly("Left", "Right");
        // Left: the border upwards (arc 0), then arc 1; the point where they meet appears once.
        assertThat(points(outlines.get(0).rings().get(0)))
                .containsExactly("1.0,0.0", "1.0,1.0", "0.0,1.0", "0.0,0.0", "1.0,0.0");
        // Right: arc 2, then the border downwards (~0 = arc 0 reversed).
        assertThat(points(outlines.get(1).rings().get(0)))
                .containsExactly("1.0,0.0", "2.0,0.0", "2.0,1.0", "1.0,1.0", "1.0,0.0");
    }

    @Test
    void aTopologyWithoutTransformHoldsDegrees() throws Exception {
        String plain = """
                {"type":"Topology","arcs":[[[10.5,20.25],[11,20.25],[11,21],[10.5,20.25]]],
                 "objects":{"c":{"geometries":[{"type":"Polygon","arcs":[[0]],"properties":{"name":"A"}}]}}}
                """;

        assertThat(points(TopoJson.outlines(JsonTree.parse(plain), "c").get(0).rings().get(0)))
                .containsExactly("10.5,20.25", "11.0,20.25", "11.0,21.0", "10.5,20.25");
    }

    @Test
    void whatOutlinesCannotUseIsRejectedByName() throws Exception {
        String point = """
                {"arcs":[],"objects":{"c":{"geometries":[
                  {"type":"Point","coordinates":[1,2],"properties":{"name":"Dot"}}]}}}
                """;
        String unnamed = """
                {"arcs":[[[0,0],[1,1]]],"objects":{"c":{"geometries":[{"type":"Polygon","arcs":[[0]]}]}}}
                """;
        String missingArc = """
                {"arcs":[[[0,0],[1,1]]],"objects":{"c":{"geometries":[
                  {"type":"Polygon","arcs":[[0,-3]],"properties":{"name":"Gap"}}]}}}
                """;

        assertThatThrownBy(() -> TopoJson.outlines(JsonTree.parse(point), "c"))
                .hasMessageContaining("Dot is a Point");
        assertThatThrownBy(() -> TopoJson.outlines(JsonTree.parse(unnamed), "c"))
                .hasMessageContaining("has no name property");
        assertThatThrownBy(() -> TopoJson.outlines(JsonTree.parse(missingArc), "c"))
                .hasMessageContaining("arc -3 but the topology has 1 arcs");
        assertThatThrownBy(() -> TopoJson.outlines(JsonTree.parse(point), "countries"))
                .hasMessageContaining("no object \"countries\"");
    }
}
