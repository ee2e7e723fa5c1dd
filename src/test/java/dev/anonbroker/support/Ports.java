package dev.anonbroker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for servers a test must name before it starts them. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago: the OS's pick for an ephemeral socket, closed again. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
