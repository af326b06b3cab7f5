package io.pinpipe.cli.gateway;

import io.micrometer.core.instrument.Counter;
import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.common.Redaction;
import io.pinpipe.gateway.GatewayServer;
import io.pinpipe.gateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pinpipe gateway}: runs the HTTP gateway alone against any Kafka cluster, configured by a
 * kafka-rest.properties file, until Ctrl-C or SIGTERM; then stops taking requests, lets the producer deliver what it
 * holds, and prints a summary.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = {"Run the REST Proxy compatible HTTP gateway in front of a Kafka cluster.",
                "Settings come from --config (a kafka-rest.properties file: listeners, bootstrap.servers, client.*,"
                        + " producer.*, pinpipe.*) and PINPIPE_<KEY> environment variables. Stops on Ctrl-C."})
public final class GatewayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--listeners", paramLabel = "URL", description = "Overrides 'listeners', e.g. http://0.0.0.0:8082.")
    private String listeners;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Overrides 'bootstrap.servers'.")
    private String bootstrapServers;

    @Override
    public Integer call() throws InterruptedException {
        PinpipeCommand root = PinpipeCommand.of(spec);
        GatewayConfig config = GatewayConfig.load(root.configFile().orElse(null), System.getenv());
        Map<String, String> overrides = new HashMap<>();
        if (listeners != null) {
            overrides.put("listeners", listeners);
        }
        if (bootstrapServers != null) {
            overrides.put("bootstrap.servers", bootstrapServers);
        }
        if (!overrides.isEmpty()) {
            config = config.with(overrides);
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        GatewayServer gateway = GatewayServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            gateway.close();
            stopped.countDown();
            try {
                // the JVM ends when this hook returns: let the command print its summary first
                reported.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pinpipe-gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("pinpipe gateway listening on " + gateway.baseUri());
        config.stages().forEach(stage -> out.println("  stage '" + stage + "': " + gateway.baseUri() + "/" + stage
                + "/topics/<topic>"));
        out.println("  Kafka: " + Redaction.text(String.valueOf(config.kafka().producer().get("bootstrap.servers")))
                + "; Ctrl-C stops");
        out.flush();
        stopped.await();
        Counter records = gateway.context().metrics().find("pinpipe.gateway.records").counter();
        out.printf("pinpipe gateway stopped after %d s: %d records acknowledged by Kafka%n",
                (System.nanoTime() - started) / 1_000_000_000L, records == null ? 0 : (long) records.count());
        out.flush();
        reported.countDown();
        return 0;
    }
}
