package io.tandem.proxy.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The upstream client's framing and keep-alive handling, against a server that answers from a script. */
class UpstreamTest {
    private ScriptedServer server;
    private UpstreamPool pool;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        pool = new UpstreamPool(URI.create("http://127.0.0.1:" + server.port()), Duration.ofSeconds(1), 8,
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws IOException {
        pool.close();
        server.close();
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsDecodedAndTheConnectionReused() throws Exception {
        server.answers.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n"
                + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer-X: y\r\n\r\n");
        server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
        UpstreamConnection c = pool.acquire();
        UpstreamResponse r = exchange(c, "GET", "/a?x=%20y");
        assertThat(read(r.body()), is("hello world"));
        assertThat(r.headers().contains("X-A"), is(true));
        assertThat(r.reusable(), is(true));
        assertThat(server.requestLines.poll(1, TimeUnit.SECONDS), is("GET /a?x=%20y HTTP/1.1"));
        pool.release(c);
        UpstreamConnection again = pool.acquire();
        assertThat(again, sameInstance(c));
        UpstreamResponse second = exchange(again, "GET", "/b");
        assertThat(read(second.body()), is("abc"));
        assertThat(server.connections.get(), is(1));
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        server.answers.add("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        UpstreamResponse r = exchange(pool.acquire(), "POST", "/c");
        assertThat(r.status(), is(201));
        assertThat(r.reason(), is("Created"));
        assertThat(read(r.body()), is("ok"));
    }

    @Test
    void bodyUntilCloseAndConnectionCloseAreNotReused() throws Exception {
        server.answers.add("HTTP/1.1 200 OK\r\n\r\nto the end");
        server.closeAfterAnswer = true;
        UpstreamResponse r = exchange(pool.acquire(), "GET", "/d");
        assertThat(read(r.body()), is("to the end"));
        assertThat(r.reusable(), is(false));
        server.closeAfterAnswer = false;

        server.answers.add("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx");
        UpstreamResponse closing = exchange(pool.acquire(), "GET", "/e");
        assertThat(read(closing.body()), is("x"));
        assertThat(closing.reusable(), is(false));
    }

    @Test
    void headResponseHasNoBodyWhateverItsLength() throws Exception {
        server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
        server.answers.add("HTTP/1.1 204 No Content\r\n\r\n");
        UpstreamConnection c = pool.acquire();
        UpstreamResponse head = exchange(c, "HEAD", "/f", true);
        assertThat(head.contentLength(), is(1000L));
        assertThat(read(head.body()), is(""));
        assertThat(head.reusable(), is(true));
        UpstreamResponse noContent = exchange(c, "GET", "/g");
        assertThat(noContent.status(), is(204));
        assertThat(noContent.reusable(), is(true));
    }

    @Test
    void idleConnectionClosedByTheServerIsNotHandedOut() throws Exception {
        server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        server.closeAfterAnswer = true;
        UpstreamConnection c = pool.acquire();
        UpstreamResponse r = exchange(c, "GET", "/h");
        read(r.body());
        pool.release(c);
        Thread.sleep(1100);   // the FIN arrives, and the connection is idle long enough to be checked
        server.closeAfterAnswer = false;
        UpstreamConnection fresh = pool.acquire();
        assertThat(fresh == c, is(false));
        assertThat(fresh.reused(), is(false));
        fresh.close();
    }

    @Test
    void garbageAndTruncatedResponsesFail() throws Exception {
        server.answers.add("SSH-2.0-OpenSSH\r\n\r\n");
        assertThrows(IOException.class, () -> exchange(pool.acquire(), "GET", "/i"));
        server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
        server.closeAfterAnswer = true;
        UpstreamResponse r = exchange(pool.acquire(), "GET", "/j");
        assertThrows(IOException.class, () -> read(r.body()));
    }

    @Test
    void requestBodiesAreFramedExactly() throws Exception {
        server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        UpstreamConnection c = pool.acquire();
        c.timeout(Duration.ofSeconds(2));
        c.requestLine("POST", "/k");
        c.header("Host", pool.authority());
        c.header("Transfer-Encoding", "chunked");
        c.endHead();
        try (OutputStream body = c.chunkedBody()) {
            body.write("abc".getBytes(StandardCharsets.US_ASCII));
            body.write("defgh".getBytes(StandardCharsets.US_ASCII));
        }
        c.flush();
        assertThat(c.readResponse(false).status(), is(200));
        assertThat(server.bodies.poll(1, TimeUnit.SECONDS), is("3\r\nabc\r\n5\r\ndefgh\r\n0\r\n\r\n"));
        OutputStream fixed = pool.acquire().fixedBody(4);
        fixed.write(new byte[3]);
        assertThrows(IOException.class, fixed::close);
        assertThrows(IOException.class, () -> fixed.write(new byte[2]));
    }

    @Test
    void aSilentClusterTimesOutOnAGapInTheBodyAndOnTheHead() throws Exception {
        server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
        UpstreamConnection d = pool.acquire();
        UpstreamResponse r = exchange(d, "GET", "/gap");
        d.timeout(Duration.ofMillis(300));
        assertThat(r.body().read(new byte[5]), is(5));
        assertThrows(SocketTimeoutException.class, () -> r.body().read(new byte[5]));
        d.close();

        // No answer scripted: the server stays silent.
        UpstreamConnection c = pool.acquire();
        c.requestLine("GET", "/silent");
        c.header("Host", pool.authority());
        c.endHead();
        c.flush();
        c.timeout(Duration.ofMillis(300));
        long t = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> c.readResponse(false));
        long waitedMs = Duration.ofNanos(System.nanoTime() - t).toMillis();
        // The watchdog looks every 50 ms: the timeout fires on time, not early, and not much late.
        assertThat(waitedMs, greaterThanOrEqualTo(290L));
        assertThat(waitedMs, lessThan(1000L));
        c.close();
    }

    private UpstreamResponse exchange(UpstreamConnection c, String method, String target) throws IOException {
        return exchange(c, method, target, false);
    }

    private UpstreamResponse exchange(UpstreamConnection c, String method, String target, boolean head)
            throws IOException {
        c.timeout(Duration.ofSeconds(2));
        c.requestLine(method, target);
        c.header("Host", pool.authority());
        c.endHead();
        c.flush();
        return c.readResponse(head);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Answers each request head with the next scripted response; records request lines and chunked bodies. */
    private static final class ScriptedServer implements AutoCloseable {
        final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        final BlockingQueue<String> requestLines = new LinkedBlockingQueue<>();
        final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        final AtomicInteger connections = new AtomicInteger();
        volatile boolean closeAfterAnswer;
        private final ServerSocket socket;

        ScriptedServer() throws IOException {
            socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    requestLines.add(head.substring(0, head.indexOf("\r\n")));
                    if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                        bodies.add(readChunked(in));
                    }
                    String answer = answers.poll(2, TimeUnit.SECONDS);
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    if (closeAfterAnswer) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // connection done
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                b.write(c);
                String s = b.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r\n\r\n")) {
                    return s;
                }
            }
            return null;
        }

        private static String readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                b.write(c);
                if (b.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
                    break;
                }
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

}
