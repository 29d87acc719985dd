package io.tandem.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** HTTP/1.1 over a plain socket, for what a well-behaved client library refuses to send or hides. */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Ends what this client sends (a half-close): the server reads the end of the stream, the answer can still come. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Drops the connection with a reset (SO_LINGER 0), as a client that crashed mid-request. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    void chunk(byte[] data) throws IOException {
        send(Integer.toHexString(data.length) + "\r\n");
        out.write(data);
        send("\r\n");
    }

    void lastChunk() throws IOException {
        send("0\r\n\r\n");
    }

    /** Reads one response: status, headers (names lower-cased), and a Content-Length or chunked body. */
    Response read() throws IOException {
        String status = line();
        List<String[]> headers = new ArrayList<>();
        String line;
        while (!(line = line()).isEmpty()) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()});
        }
        Response r = new Response(Integer.parseInt(status.split(" ")[1]), headers, "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (r.header("content-length") != null) {
            body.write(in.readNBytes(Integer.parseInt(r.header("content-length"))));
        } else if ("chunked".equalsIgnoreCase(r.header("transfer-encoding"))) {
            int size;
            while ((size = Integer.parseInt(line().split(";")[0], 16)) > 0) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        }
        return new Response(r.status(), headers, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed after: " + b);
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int status, List<String[]> headers, String body) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equals(name)) {
                    return h[1];
                }
            }
            return null;
        }

        List<String> all(String name) {
            return headers.stream().filter(h -> h[0].equals(name)).map(h -> h[1]).toList();
        }
    }
}
