package dev.anonbroker.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps {@code METHOD /path} to the flavor's endpoint (src/main/docs/guide/gotrue-compatibility.md section 2). */
final class Router {

    private static final Pattern ADMIN_USER = Pattern.compile("^/admin/users/([^/]+)$");

    private final EmulatorContext context;
    private final InfoEndpoints info;
    private final Endpoint signup;
    private final Endpoint token;
    private final Endpoint getUser;
    private final Endpoint logout;
    private final AdminEndpoints admin;

    @FunctionalInterface
    interface Endpoint {
        Reply handle(Call call);
    }

    Router(EmulatorContext context) {
        this.context = context;
        this.info = new InfoEndpoints(context.options());
        AccessTokens tokens = new AccessTokens(context);
        if (context.options().flavor() == EmulatorFlavor.NETLIFY) {
            NetlifyAuth auth = new NetlifyAuth(context);
            NetlifyUserEndpoints user = new NetlifyUserEndpoints(context, auth);
            signup = new NetlifySignup(context)::handle;
            token = new NetlifyToken(context, tokens)::handle;
            getUser = user::get;
            logout = user::logout;
            admin = new AdminEndpoints(context, new NetlifyAdminAuth(context, auth), new NetlifyAdminWrites(context));
        } else {
            SupabaseAuth auth = new SupabaseAuth(context);
            SupabaseUserEndpoints user = new SupabaseUserEndpoints(context, auth);
            signup = new SupabaseSignup(context, tokens)::handle;
            token = new SupabaseToken(context, tokens)::handle;
            getUser = user::get;
            logout = user::logout;
            admin = new AdminEndpoints(context, new SupabaseAdminAuth(auth), new SupabaseAdminWrites(context));
        }
    }

    Reply route(Call call) {
        String key = call.routeKey();
        return switch (key) {
            case "GET /health" -> info.health();
            case "GET /settings" -> info.settings();
            case "POST /signup" -> signup.handle(call);
            case "POST /token" -> token.handle(call);
            case "GET /user" -> getUser.handle(call);
            case "POST /logout" -> logout.handle(call);
            case "GET /admin/users" -> admin.list(call);
            case "POST /admin/users" -> admin.create(call);
            default -> adminUser(call);
        };
    }

    private Reply adminUser(Call call) {
        Matcher matcher = ADMIN_USER.matcher(call.path);
        if (!matcher.matches()) {
            throw notFound();
        }
        String id = matcher.group(1);
        return switch (call.method) {
            case "GET" -> admin.get(call, id);
            case "PUT" -> admin.update(call, id);
            case "DELETE" -> admin.delete(call, id);
            default -> throw notFound();
        };
    }

    private ApiError notFound() {
        return context.options().flavor() == EmulatorFlavor.NETLIFY ? ApiError.netlify(404, "Not Found")
                : ApiError.of(404, "not_found", "Not Found");
    }
}
