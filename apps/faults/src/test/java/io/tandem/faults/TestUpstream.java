package io.tandem.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.function.Consumer;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** A real TCP server for the proxy's tests: each accepted connection is served on a virtual thread. */
final class TestUpstream implements AutoCloseable {
    private final ServerSocket server;

    private TestUpstream(Consumer<Socket> handler) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            handler.accept(socket);
                        } catch (IOException ignored) {
                            // the test closed it
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Sends back every byte it receives, until the client closes. */
    static TestUpstream echo() throws IOException {
        return new TestUpstream(socket -> {
            try {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                in.transferTo(out);
                socket.shutdownOutput();
            } catch (IOException ignored) {
                // reset by the proxy: part of the test
            }
        });
    }

    /** Sends {@code bytes} then closes. */
    static TestUpstream source(byte[] bytes) throws IOException {
        return new TestUpstream(socket -> {
            try {
                socket.getOutputStream().write(bytes);
            } catch (IOException ignored) {
                // reset by the proxy: part of the test
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    /** A fault proxy with one route, "r", from a free port to this server. */
    FaultProxy proxy() {
        return FaultProxy.start(Config.just(ConfigSources.create(Map.of(
                "faults.routes.0.name", "r",
                "faults.routes.0.listen", "0",
                "faults.routes.0.upstream", "127.0.0.1:" + port()))).get("faults"));
    }

    static Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = new Socket();
        // Options before connecting: a reset toxic may reset the connection the moment it is accepted.
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port("r")), 2000);
        return socket;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
