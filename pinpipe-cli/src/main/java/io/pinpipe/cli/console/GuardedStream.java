package io.pinpipe.cli.console;

import java.io.IOException;
import java.io.OutputStream;

/** Standard output or standard error on an interactive terminal: every write keeps off the live progress bar. */
final class GuardedStream extends OutputStream {

    private final LiveLine line;
    private final OutputStream target;

    GuardedStream(LiveLine line, OutputStream target) {
        this.line = line;
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        line.write(target, bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }
}
