package dev.anonbroker.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The JDK server's single handler: reads the request, applies faults (except to {@code /_emulator/}), routes, renders
 * errors and writes the reply. A dropped reply closes the exchange before any header, which closes the socket.
 * Logs method, path and status only.
 */
final class HttpFront implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GoTrueEmulator.class);
    private static final String CONTROL_PREFIX = "/_emulator/";

    private final Router router;
    private final FaultInjector faults;
    private final FaultControl control;
    private final ErrorRenderer errors;

    HttpFront(Router router, FaultInjector faults, ErrorRenderer errors) {
        this.router = router;
        this.faults = faults;
        this.control = new FaultControl(faults);
        this.errors = errors;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            Reply reply = dispatch(call);
            LOG.debug("{} {} -> {}", call.method, call.path, reply.dropped() ? "dropped" : reply.status);
            if (!reply.dropped()) {
                write(exchange, reply);
            }
        } finally {
            exchange.close();
        }
    }

    private Reply dispatch(Call call) {
        if (call.path.startsWith(CONTROL_PREFIX)) {
            return control.handle(call);
        }
        try {
            Optional<Reply> fault = faults.apply(call);
            return fault.orElseGet(() -> route(call));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.DROP;
        }
    }

    private Reply route(Call call) {
        try {
            return router.route(call);
        } catch (ApiError e) {
            return errors.render(e, call);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", call.method, call.path, e.getClass().getName());
            return errors.render(errors.serverError(), call);
        }
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (reply.body == null) {
            exchange.sendResponseHeaders(reply.status, -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status, reply.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body);
        }
    }
}
