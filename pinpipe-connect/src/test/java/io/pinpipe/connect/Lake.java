package io.pinpipe.connect;

import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.store.ObjectStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a lake back the way a batch job would: one partition's files in start-offset order, their lines joined. */
final class Lake {

    private Lake() {
    }

    static List<String> lines(ObjectStore store, String topicsDir, String topic, int partition) throws IOException {
        List<TopicLayout.LakeFile> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : store.list(topicsDir + "/" + topic + "/")) {
            TopicLayout.parse(name).filter(file -> file.topic().equals(topic) && file.partition() == partition)
                    .ifPresent(file -> {
                        files.add(file);
                        names.add(name);
                    });
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> files.get(i).startOffset()));
        List<String> lines = new ArrayList<>();
        for (int i : order) {
            String content = new String(store.get(names.get(i)), StandardCharsets.UTF_8);
            if (!content.isEmpty()) {
                if (!content.endsWith("\n")) {
                    throw new IllegalStateException(names.get(i) + " does not end with a newline");
                }
                lines.addAll(List.of(content.substring(0, content.length() - 1).split("\n", -1)));
            }
        }
        return lines;
    }
}
