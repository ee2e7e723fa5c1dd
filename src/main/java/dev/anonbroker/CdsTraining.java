package dev.anonbroker;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run of the class-data sharing archive ({@code java -XX:ArchiveClassesAtExit=... -jar anon-broker.jar
 * cds-training}): starts the broker on the embedded emulator and on free ports, serves each kind of request once, so
 * that the classes of start-up and of the request paths are loaded, and exits; the JVM then writes the archive. It
 * touches no configured GoTrue: its settings replace the ones that would.
 */
final class CdsTraining {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private CdsTraining() {
    }

    static void run(String[] args) throws IOException, InterruptedException {
        String clientSecret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, Object> training = Map.of(
                "micronaut.server.port", -1,
                "endpoints.all.port", -1,
                "broker.gotrue.url", "",
                "broker.emulator.enabled", true,
                "broker.emulator.port", 0,
                "broker.sweep.enabled", false,
                "broker.backend-clients.cds-training.secret", clientSecret);
        try (ApplicationContext context = Micronaut.build(args).mainClass(Application.class).banner(false)
                .properties(training).start()) {
            URI base = context.getBean(EmbeddedServer.class).getURI();
            HttpClient http = HttpClient.newHttpClient();
            send(http, HttpRequest.newBuilder(base.resolve("/health")).GET());
            send(http, HttpRequest.newBuilder(base.resolve("/.well-known/jwks.json")).GET());
            String session = send(http, HttpRequest.newBuilder(base.resolve("/anon-session"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
            Matcher token = ACCESS_TOKEN.matcher(session);
            if (token.find()) {
                String basic = Base64.getEncoder().encodeToString(("cds-training:" + clientSecret)
                        .getBytes(StandardCharsets.UTF_8));
                send(http, HttpRequest.newBuilder(base.resolve("/introspect"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + token.group(1))));
            }
        }
    }

    private static String send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
