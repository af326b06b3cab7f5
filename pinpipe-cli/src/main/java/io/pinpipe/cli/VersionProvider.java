package io.pinpipe.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = PinpipeCommand.class.getPackage().getImplementationVersion();
        return new String[] {"pinpipe " + (version != null ? version : "(development build)"),
                "Java " + System.getProperty("java.version")};
    }
}
