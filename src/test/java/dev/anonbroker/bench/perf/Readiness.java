package dev.anonbroker.bench.perf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a freshly started process to answer 200, polling every few milliseconds, with a deadline. */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Readiness() {
    }

    /** Time from the process's start to its first 200 on {@code url}. */
    static Duration await(ServiceProcess process, String url, Duration deadline) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        long end = process.startedNanos() + deadline.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!process.isAlive()) {
                throw new IOException(process.name() + " exited before it was ready; see its log under target/bench/logs");
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - process.startedNanos());
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + process.name(), e);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IOException(process.name() + " did not answer 200 on " + url + " within " + deadline.toSeconds() + " s");
    }
}
