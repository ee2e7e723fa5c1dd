package dev.anonbroker.gotrue;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link GoTrueClient} over HTTP, for netlify/gotrue and supabase/auth alike. Every wire difference between the flavors
 * lives here (src/main/docs/guide/gotrue-compatibility.md sections 1, 2 and 4): netlify's signup answers with the user
 * only and its {@code /token} takes a form with {@code username}; supabase's signup answers with a session, its
 * {@code /token} takes {@code grant_type} in the query and JSON with {@code email}, and it alone has anonymous users.
 *
 * <p>Methods block on the calling thread; call them off the event loop. Failures are {@link GoTrueException}s.
 */
@Singleton
public class HttpGoTrueClient implements GoTrueClient {

    private final GoTrueConfiguration configuration;
    private final GoTrueTransport transport;
    private final GoTrueAdminAuthorization admin;

    HttpGoTrueClient(GoTrueConfiguration configuration, GoTrueTransport transport, GoTrueAdminAuthorization admin) {
        this.configuration = configuration;
        this.transport = transport;
        this.admin = admin;
    }

    @Override
    public SignUpResult signUp(ThrowawayCredentials credentials, Map<String, Object> userMetadata, String clientIp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", credentials.email());
        body.put("password", credentials.password());
        if (userMetadata != null) {
            body.put("data", userMetadata);
        }
        var answer = transport.send("signUp", visitor(json(HttpRequest.POST(GoTruePaths.SIGNUP, body)), clientIp));
        if (GoTrueJson.isTokenResponse(answer.body())) {
            GoTrueTokens tokens = GoTrueJson.tokens(answer.body());
            return new SignUpResult(tokens.user(), tokens);
        }
        return new SignUpResult(GoTrueJson.user(answer.body()), null);
    }

    @Override
    public GoTrueTokens signUpAnonymously(Map<String, Object> userMetadata, String clientIp) {
        if (configuration.flavor() != GoTrueFlavor.SUPABASE) {
            throw new UnsupportedOperationException("anonymous sign-in exists only in the supabase flavor");
        }
        Map<String, Object> body = userMetadata == null ? Map.of() : Map.of("data", userMetadata);
        var answer = transport.send("signUpAnonymously",
                visitor(json(HttpRequest.POST(GoTruePaths.SIGNUP, body)), clientIp));
        return GoTrueJson.tokens(answer.body());
    }

    @Override
    public GoTrueUser createConfirmedUser(ThrowawayCredentials credentials, Map<String, Object> userMetadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", credentials.email());
        body.put("password", credentials.password());
        body.put(configuration.flavor() == GoTrueFlavor.SUPABASE ? "email_confirm" : "confirm", true);
        if (userMetadata != null) {
            body.put("user_metadata", userMetadata);
        }
        var answer = transport.send("createConfirmedUser", asAdmin(json(HttpRequest.POST(GoTruePaths.ADMIN_USERS, body))));
        return GoTrueJson.user(answer.body());
    }

    @Override
    public GoTrueTokens passwordGrant(ThrowawayCredentials credentials, String clientIp) {
        MutableHttpRequest<?> request;
        if (configuration.flavor() == GoTrueFlavor.SUPABASE) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", credentials.email());
            body.put("password", credentials.password());
            request = json(HttpRequest.POST(
                    GoTruePaths.withQuery(GoTruePaths.TOKEN, Map.of("grant_type", "password")), body));
        } else {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "password");
            form.put("username", credentials.email());
            form.put("password", credentials.password());
            request = HttpRequest.POST(GoTruePaths.TOKEN, GoTruePaths.form(form))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        }
        return GoTrueJson.tokens(transport.send("passwordGrant", visitor(request, clientIp)).body());
    }

    @Override
    public GoTrueUser getUser(String accessToken) {
        MutableHttpRequest<?> request = HttpRequest.GET(GoTruePaths.USER)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        return GoTrueJson.user(transport.send("getUser", request).body());
    }

    @Override
    public DeleteOutcome deleteUser(String userId) {
        try {
            transport.send("deleteUser", asAdmin(HttpRequest.DELETE(GoTruePaths.adminUser(userId))));
            return DeleteOutcome.DELETED;
        } catch (GoTrueException e) {
            if (isUserGone(e)) {
                return DeleteOutcome.ALREADY_GONE;
            }
            throw e;
        }
    }

    @Override
    public GoTrueUserPage listUsers(UserQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("page", query.page());
        parameters.put("per_page", query.perPage());
        parameters.put("filter", query.filter() == null || query.filter().isEmpty() ? null : query.filter());
        parameters.put("sort", query.oldestFirst() ? "created_at asc" : null);
        var answer = transport.send("listUsers",
                asAdmin(HttpRequest.GET(GoTruePaths.withQuery(GoTruePaths.ADMIN_USERS, parameters))));
        return new GoTrueUserPage(GoTrueJson.users(answer.body()), GoTrueHeaders.totalCount(answer.headers()),
                query.page(), query.perPage(), GoTrueHeaders.hasNext(answer.headers()));
    }

    @Override
    public GoTrueSettings settings() {
        return GoTrueJson.settings(transport.send("settings", HttpRequest.GET(GoTruePaths.SETTINGS)).body(),
                configuration.flavor());
    }

    @Override
    public boolean isReachable() {
        try {
            return transport.send("isReachable", HttpRequest.GET(GoTruePaths.HEALTH)).status() == 200;
        } catch (RuntimeException e) {
            // GoTrueException or anything unexpected: a health probe answers false, it never throws
            return false;
        }
    }

    /** 404 means the user is gone; supabase's 404 {@code validation_failed} (id not a UUID) is a refusal instead. */
    private static boolean isUserGone(GoTrueException e) {
        return e.status() == 404 && (e.errorCode() == null || "user_not_found".equals(e.errorCode()));
    }

    private MutableHttpRequest<?> json(MutableHttpRequest<?> request) {
        Object body = request.getBody().orElseThrow();
        return request.body(transport.json(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private MutableHttpRequest<?> asAdmin(MutableHttpRequest<?> request) {
        return request.header(HttpHeaders.AUTHORIZATION, admin.authorizationHeader());
    }

    private MutableHttpRequest<?> visitor(MutableHttpRequest<?> request, String clientIp) {
        if (clientIp != null && !clientIp.isBlank()) {
            request.header(configuration.effectiveClientIpHeader(), clientIp);
        }
        return request;
    }

    @Override
    public Optional<GoTrueUser> findUser(String userId) {
        if (!isUuid(userId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(GoTrueJson.user(
                    transport.send("findUser", asAdmin(HttpRequest.GET(GoTruePaths.adminUser(userId)))).body()));
        } catch (GoTrueException e) {
            if (isUserGone(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean isUuid(String id) {
        try {
            return id != null && UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }
}
