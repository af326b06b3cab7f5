package io.pinpipe.cli.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * When runs fire: a five-field UNIX cron expression ({@code 30 2 * * *}) or one of Airflow's presets
 * ({@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly}).
 */
public final class Schedule {

    private static final Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime executionTime;

    private Schedule(String expression, Cron cron) {
        this.expression = expression;
        this.executionTime = ExecutionTime.forCron(cron);
    }

    /**
     * @throws IllegalArgumentException quoting the expression when it is neither a preset nor a valid cron line
     */
    public static Schedule parse(String expression) {
        String trimmed = expression.trim();
        String cronLine = PRESETS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        try {
            Cron cron = PARSER.parse(cronLine);
            cron.validate();
            return new Schedule(trimmed, cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule '" + expression + "' is not a cron expression"
                    + " (minute hour day-of-month month day-of-week) or one of " + PRESETS.keySet().stream().sorted()
                    .toList() + ": " + e.getMessage(), e);
        }
    }

    /** The first fire time strictly after {@code after}. */
    public ZonedDateTime nextAfter(ZonedDateTime after) {
        return executionTime.nextExecution(after)
                .orElseThrow(() -> new IllegalStateException("schedule '" + expression + "' never fires again"));
    }

    /** The last fire time strictly before {@code before}: the start of the interval a run at {@code before} covers. */
    public ZonedDateTime previousBefore(ZonedDateTime before) {
        return executionTime.lastExecution(before)
                .orElseThrow(() -> new IllegalStateException("schedule '" + expression + "' never fired before "
                        + before));
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
