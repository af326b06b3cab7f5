package io.pinpipe.cli.cluster;

import io.pinpipe.connect.worker.WorkerProcess;

/** A Connect worker of the local cluster (distributed mode) as a supervised {@link ClusterNode}. */
record ConnectJvm(WorkerProcess worker) implements ClusterNode {

    @Override
    public int awaitExit() throws InterruptedException {
        return worker.awaitExit();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public void kill() {
        worker.kill();
    }

    @Override
    public long pid() {
        return worker.pid();
    }

    @Override
    public String endpoint() {
        return worker.restUrl() + " (log " + worker.log() + ")";
    }
}
