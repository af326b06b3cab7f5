package io.pinpipe.connect.worker;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** What a worker's REST API says about one connector: its state and its tasks' states (with a failure trace). */
public record ConnectorStatus(String name, String state, List<TaskStatus> tasks) {

    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";

    /** Reads {@code GET /connectors/<name>/status}. */
    public static ConnectorStatus fromJson(JsonNode json) {
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : json.path("tasks")) {
            tasks.add(new TaskStatus(task.path("id").asInt(), task.path("state").asText(),
                    task.path("worker_id").asText(), task.path("trace").asText("")));
        }
        return new ConnectorStatus(json.path("name").asText(), json.path("connector").path("state").asText(), tasks);
    }

    /** The connector and at least one task run, and no task has failed. */
    public boolean isRunning() {
        return RUNNING.equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(t -> RUNNING.equals(t.state()));
    }

    /** A failed task's trace's first line, or null. */
    public String failure() {
        if (FAILED.equals(state)) {
            return "connector " + name + " failed";
        }
        return tasks.stream().filter(t -> FAILED.equals(t.state())).findFirst()
                .map(t -> "task " + t.id() + " failed: " + t.trace().lines().findFirst().orElse(""))
                .orElse(null);
    }

    /** One task of a connector. */
    public record TaskStatus(int id, String state, String workerId, String trace) {
    }
}
