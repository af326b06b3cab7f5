/**
 * The source database: the course's three tables ({@code pinterest_data}, {@code geolocation_data},
 * {@code user_data}) in the embedded H2 file under {@code <data-dir>/source/} or any JDBC database (MySQL, MariaDB,
 * PostgreSQL). {@link io.pinpipe.emulator.source.SourceLoader} fills them idempotently from table files or generated
 * rows; {@link io.pinpipe.emulator.source.SourceReader} reads one row by key. Knows JDBC and the common records only.
 */
package io.pinpipe.emulator.source;
