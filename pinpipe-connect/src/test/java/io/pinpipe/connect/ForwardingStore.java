package io.pinpipe.connect;

import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.PublishGuard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Predicate;

/** A real store handed every call; test stores extend it and change only the calls they are about. */
abstract class ForwardingStore implements ObjectStore {

    private final ObjectStore delegate;

    ForwardingStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(String name, ByteBuffer content, PublishGuard guard) throws IOException {
        delegate.put(name, content, guard);
    }

    @Override
    public void replace(String name, byte[] content) throws IOException {
        delegate.replace(name, content);
    }

    @Override
    public List<String> list(String prefix, String startAfter) throws IOException {
        return delegate.list(prefix, startAfter);
    }

    @Override
    public int removeIncomplete(String folder, Predicate<String> ours) throws IOException {
        return delegate.removeIncomplete(folder, ours);
    }

    @Override
    public void delete(String name) throws IOException {
        delegate.delete(name);
    }

    @Override
    public byte[] get(String name) throws IOException {
        return delegate.get(name);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
