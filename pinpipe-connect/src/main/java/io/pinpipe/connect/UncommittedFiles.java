package io.pinpipe.connect;

import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.PublishGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Removes, from one folder, the files of a partition that earlier owners stored at or after the offset Connect
 * resumed it at (so never committed), and their temporary files. The listing starts after the name of the offset
 * before the resume offset ({@link TopicLayout#fileNameBefore}), so on S3 it costs one request per thousand files
 * stored since the last commit, however long the partition's history; a local folder reads the folder's names once.
 * Called for each folder just before the partition's first record since its assignment goes there: a file that an
 * earlier owner stored at offset S or later holds record S, and the replay puts record S into the same folder (the
 * partitioner depends on the record only), so every folder holding such a file is cleaned before anything is
 * committed past it. Each delete is first allowed by the partition's {@link PublishGuard}, so a task that lost the
 * partition while stalled inside its clean-up stops before deleting what its successor has published meanwhile.
 */
final class UncommittedFiles {

    private static final Logger LOG = LoggerFactory.getLogger(UncommittedFiles.class);

    private final ObjectStore store;
    private final TopicLayout layout;

    UncommittedFiles(ObjectStore store, TopicLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    void remove(String topic, int partition, String folder, long resumeOffset, PublishGuard guard)
            throws IOException {
        String dir = layout.folder(topic, folder) + "/";
        String names = dir + layout.filePrefix(topic, partition);
        // Temporary files first: a file that an earlier owner was about to link can then either be linked already,
        // and is listed and removed below, or never be linked, since its temporary file is gone.
        guard.check(dir);
        int incomplete = store.removeIncomplete(dir, name -> name.startsWith(names));
        if (incomplete > 0) {
            LOG.info("removed {} incomplete write(s) of {}-{} in {}", incomplete, topic, partition, dir);
        }
        String startAfter = layout.fileNameBefore(topic, partition, resumeOffset).map(name -> dir + name).orElse("");
        for (String name : store.list(names, startAfter)) {
            boolean uncommitted = TopicLayout.parse(name)
                    .filter(file -> file.topic().equals(topic) && file.partition() == partition
                            && file.startOffset() >= resumeOffset)
                    .isPresent();
            if (uncommitted) {
                guard.check(name);
                LOG.info("removing {}: stored at or after offset {}, which was never committed", name, resumeOffset);
                store.delete(name);
            }
        }
    }
}
