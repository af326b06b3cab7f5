package io.pinpipe.gateway.consumer;

/** A consumer instance's address: its group and its name within the gateway. */
record ConsumerInstanceId(String group, String name) {

    @Override
    public String toString() {
        return group + "/" + name;
    }
}
