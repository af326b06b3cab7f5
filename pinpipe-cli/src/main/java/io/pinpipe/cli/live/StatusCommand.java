package io.pinpipe.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.common.Redaction;
import io.pinpipe.emulator.post.EmulatorOptions;
import io.pinpipe.emulator.post.EmulatorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pinpipe status}: the live page's numbers in the terminal, for scripts too (exit code 1 when not well). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every stage of a running pipeline on one screen: acknowledged by the gateway, in Kafka"
                + " (per topic), the lake sink's state and lag, the lake, the stream job, the tables, the runs, and"
                + " the reconciliation per table. The same numbers as the live page (GET /ui/api/pipeline).",
                "Exit code 0 when everything runs and balances, 1 when something is down, does not balance"
                        + " (yet), or the gateway does not answer."})
public final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL",
            description = "The gateway pinpipe up started (default: ${DEFAULT-VALUE}).")
    private URI gateway = EmulatorOptions.DEFAULT_GATEWAY;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Sent as x-api-key (default: the config's"
            + " api.key or PINPIPE_API_KEY). Never printed.")
    private String apiKey;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String key = PinpipeCommand.of(spec).settings(List.of(EmulatorSettings.API_KEY))
                .find(EmulatorSettings.API_KEY, "--api-key", apiKey).orElse(null);
        String shown = Redaction.text(gateway.toString());
        URI api = URI.create(gateway.toString().replaceAll("/+$", "") + LiveRoutes.API);
        HttpRequest.Builder request = HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(15))
                .header("accept", "application/json");
        if (key != null && !key.isEmpty()) {
            request.header("x-api-key", key);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : Redaction.text(e.getMessage());
            out.println("pinpipe at " + shown + ": DOWN, the gateway does not answer (" + reason + ");"
                    + " is pinpipe up running?");
            out.flush();
            return 1;
        }
        if (response.statusCode() != 200) {
            out.println("pinpipe at " + shown + ": " + api.getPath() + " answered " + response.statusCode()
                    + (response.statusCode() == 403 ? " (give --api-key or set PINPIPE_API_KEY)"
                    : response.statusCode() == 404 ? " (this gateway serves no live page: started by pinpipe up?)"
                    : ""));
            out.flush();
            return 1;
        }
        JsonNode pipeline;
        try {
            pipeline = PipelineWatch.MAPPER.readTree(response.body());
        } catch (IOException e) {
            out.println("pinpipe at " + shown + ": " + api.getPath() + " did not answer JSON: " + e.getMessage());
            out.flush();
            return 1;
        }
        StatusScreen.lines(shown, pipeline).forEach(out::println);
        out.flush();
        return pipeline.path("balanced").asBoolean(false) ? 0 : 1;
    }
}
