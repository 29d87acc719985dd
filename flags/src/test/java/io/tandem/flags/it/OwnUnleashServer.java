package io.tandem.flags.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An Unleash server of this test's own: the unleash-server the environment installed, on a free port, against the
 * environment's PostgreSQL with a database of its own. The shared Unleash is never stopped; this one is, at will.
 */
final class OwnUnleashServer implements AutoCloseable {
    static final String ADMIN_TOKEN = "*:*.flags-it-admin";
    static final String CLIENT_TOKEN = "default:development.flags-it-client";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String SCRIPT = """
            const unleash = require(require.resolve('unleash-server', { paths: [process.env.IT_UNLEASH_HOME] }));
            unleash.start({
              db: { host: '127.0.0.1', port: Number(process.env.IT_PG_PORT), user: 'postgres', password: '',
                    database: process.env.IT_PG_DATABASE, ssl: false },
              server: { port: Number(process.env.IT_UNLEASH_PORT), host: '127.0.0.1' },
              authentication: { initApiTokens: [
                { environment: '*', project: '*', secret: process.env.IT_ADMIN_TOKEN, type: 'admin', tokenName: 'it-admin' },
                { environment: 'development', project: 'default', secret: process.env.IT_CLIENT_TOKEN, type: 'client', tokenName: 'it-client' },
              ] },
              versionCheck: { enable: false }, sendTelemetry: false, logLevel: 'warn',
            });
            """;

    private final Path unleashHome;
    private final int pgPort;
    private final String database;
    private final int port;
    private final Path script;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private OwnUnleashServer(Path unleashHome, int pgPort, Path workDir) throws IOException {
        this.unleashHome = unleashHome;
        this.pgPort = pgPort;
        this.database = "unleash_flags_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.port = freePort();
        Files.createDirectories(workDir);
        this.script = workDir.resolve("unleash-it-server.js");
        Files.writeString(script, SCRIPT);
        this.log = workDir.resolve("unleash-it-" + port + ".log");
    }

    /** Creates its database in the environment's PostgreSQL and starts the server. */
    static OwnUnleashServer start(TestEnv env) throws Exception {
        Path runDir = Path.of(env.get("run.dir"));
        Path home = Path.of(System.getProperty("tandem.unleash.home",
                runDir.resolve("../../infra-terraform/unleash").normalize().toString()));
        if (!Files.isRegularFile(home.resolve("node_modules/unleash-server/package.json"))) {
            throw new IllegalStateException("No unleash-server under " + home + " (set -Dtandem.unleash.home)");
        }
        OwnUnleashServer server = new OwnUnleashServer(home, Integer.parseInt(env.get("postgres.port", "15432")),
                Path.of("target", "unleash-it"));
        server.psql("CREATE DATABASE " + server.database);
        server.start();
        return server;
    }

    void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", script.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> e = pb.environment();
        e.put("IT_UNLEASH_HOME", unleashHome.toString());
        e.put("IT_PG_PORT", Integer.toString(pgPort));
        e.put("IT_PG_DATABASE", database);
        e.put("IT_UNLEASH_PORT", Integer.toString(port));
        e.put("IT_ADMIN_TOKEN", ADMIN_TOKEN);
        e.put("IT_CLIENT_TOKEN", CLIENT_TOKEN);
        e.put("SEND_TELEMETRY", "false");
        e.put("CHECK_VERSION", "false");
        e.put("NODE_ENV", "production");
        process = pb.start();
        Process started = process;
        // A JVM that dies mid-test must not leave a server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Unleash exited with " + process.exitValue() + ": see " + log.toAbsolutePath());
            }
            if (clientApiAnswers()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Unleash not ready within " + START_TIMEOUT + ": see " + log.toAbsolutePath());
    }

    /** Stops the server process (its database stays, so a start brings the same state back). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** POST or GET on the admin API; returns the status code and body. */
    HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Switches a flag on or off in development, as the UI would. */
    void switchFlag(String flag, boolean on) throws Exception {
        HttpResponse<String> r = admin("POST", "/api/admin/projects/default/features/" + flag
                + "/environments/development/" + (on ? "on" : "off"), null);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("switch " + flag + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        psql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private boolean clientApiAnswers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/api/client/features"))
                    .timeout(Duration.ofSeconds(2)).header("Authorization", CLIENT_TOKEN).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void psql(String sql) throws Exception {
        Process p = new ProcessBuilder(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(pgPort), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("psql failed (" + sql + "): " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
