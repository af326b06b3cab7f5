package io.pinpipe.emulator.source;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private MariaDB server for one test class: its own data folder, unix socket and loopback port, a user with a
 * random password, stopped and deleted at the end. Needs Debian's {@code mariadb-server}; without it the test is
 * skipped with a message, unless {@code CI=true}, where it fails.
 */
final class MariaDbServer implements AutoCloseable {

    static final String USER = "pinpipe";

    private final Path folder;
    private final Process process;
    private final int port;
    private final String password = UUID.randomUUID().toString();
    private int databases;

    private MariaDbServer(Path folder, Process process, int port) {
        this.folder = folder;
        this.process = process;
        this.port = port;
    }

    static MariaDbServer start() throws IOException, InterruptedException {
        Optional<Path> installDb = binary("mariadb-install-db", "mysql_install_db");
        Optional<Path> server = binary("mariadbd", "mysqld");
        if (installDb.isEmpty() || server.isEmpty()) {
            String message = "MariaDB server binaries (mariadb-install-db, mariadbd) not found: apt-get install "
                    + "mariadb-server (bash .ci/install-test-tools)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort("skipped: " + message);
        }
        Path folder = Files.createTempDirectory("pinpipe-mariadb");
        Path data = folder.resolve("data");
        List<String> root = isRoot() ? List.of("--user=root") : List.of();
        List<String> install = new ArrayList<>(List.of(installDb.get().toString(), "--no-defaults",
                "--datadir=" + data, "--skip-test-db", "--auth-root-authentication-method=normal"));
        install.addAll(root);
        run(install, folder.resolve("install.log"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(server.get().toString(), "--no-defaults",
                "--datadir=" + data, "--socket=" + folder.resolve("mysqld.sock"), "--port=" + port,
                "--bind-address=127.0.0.1", "--pid-file=" + folder.resolve("mysqld.pid"),
                "--log-error=" + folder.resolve("error.log"), "--character-set-server=utf8mb4",
                "--innodb-buffer-pool-size=32M", "--skip-log-bin", "--max-connections=50"));
        command.addAll(root);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("stdout.log").toFile()).start();
        MariaDbServer started = new MariaDbServer(folder, process, port);
        started.awaitReadyAndCreateUser();
        return started;
    }

    /** A new empty database, reachable by the test user with its password. */
    SourceDatabase freshDatabase() throws SQLException {
        String name = "source_" + (++databases);
        try (Connection connection = asRoot(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        }
        return new SourceDatabase(url(name), USER, password);
    }

    String password() {
        return password;
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    private Connection asRoot() throws SQLException {
        return DriverManager.getConnection(url(""), "root", "");
    }

    private void awaitReadyAndCreateUser() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection connection = asRoot(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + password + "'");
                statement.execute("GRANT ALL ON *.* TO '" + USER + "'@'%'");
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        String log = Files.exists(folder.resolve("error.log")) ? Files.readString(folder.resolve("error.log")) : "";
        close();
        throw new IllegalStateException("MariaDB did not start on port " + port + ": " + last + "\n" + log);
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed:\n" + Files.readString(log));
        }
    }

    private static Optional<Path> binary(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"));
        for (String name : names) {
            for (String dir : dirs) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
