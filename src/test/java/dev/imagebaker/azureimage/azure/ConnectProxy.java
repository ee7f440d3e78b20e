package dev.imagebaker.azureimage.azure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy that tunnels HTTPS as corporate proxies do (CONNECT host:port), on loopback, remembering every
 * tunnel it opened and the Proxy-Authorization it was given.
 */
final class ConnectProxy implements AutoCloseable {
    final List<String> tunnels = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    ConnectProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "connect-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> tunnel(client), "connect-proxy-tunnel");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String[] request = lines[0].split(" ");
            for (String line : lines) {
                if (line.toLowerCase().startsWith("proxy-authorization:")) {
                    authorizations.add(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            // As corporate proxies do: no credentials, a 407 challenge; the client answers it with Basic credentials.
            boolean authorized = false;
            for (String line : lines) {
                authorized |= line.toLowerCase().startsWith("proxy-authorization:");
            }
            if (!authorized) {
                client.getOutputStream().write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
                        + "Proxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (!request[0].equals("CONNECT")) {
                client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes());
                return;
            }
            tunnels.add(request[1]);
            String[] target = request[1].split(":");
            try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                Thread back = new Thread(() -> pump(upstream, client), "connect-proxy-back");
                back.setDaemon(true);
                back.start();
                pump(client, upstream);
                back.join(5000);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String s = head.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
