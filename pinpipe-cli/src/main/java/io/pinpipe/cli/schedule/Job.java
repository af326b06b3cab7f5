package io.pinpipe.cli.schedule;

import java.time.LocalDate;

/** The work a scheduled run does for one logical date (Airflow's {@code ds}); 0 means success. */
@FunctionalInterface
public interface Job {

    int run(LocalDate logicalDate) throws Exception;
}
