package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code /admin/users} and {@code /admin/users/{id}} (src/main/docs/guide/gotrue-compatibility.md sections 2.9 to
 * 2.12): the admin check, then listing, reading and deleting here, creating and updating in the flavor's
 * {@link AdminWrites}.
 */
final class AdminEndpoints {

    private final EmulatorContext context;
    private final AdminAuth auth;
    private final AdminWrites writes;
    private final boolean netlify;

    AdminEndpoints(EmulatorContext context, AdminAuth auth, AdminWrites writes) {
        this.context = context;
        this.auth = auth;
        this.writes = writes;
        this.netlify = context.options().flavor() == EmulatorFlavor.NETLIFY;
    }

    Reply list(Call call) {
        String aud = auth.authorize(call);
        Pagination.Page page = parsePage(call);
        java.util.Comparator<StoredUser> order = sortOrder(call);
        if (page.perPage() == 0) {
            return perPageZero();
        }
        List<StoredUser> users = UserListing.filter(context.users().inAudience(aud), call.queryParam("filter"), netlify)
                .stream().sorted(order).toList();
        ArrayNode array = Json.MAPPER.createArrayNode();
        UserListing.page(users, page).forEach(u -> array.add(context.userJson().listed(u)));
        ObjectNode body = Json.object();
        body.set("users", array);
        body.put("aud", aud);
        return Reply.ok(body).header("Link", Pagination.link(call, page, users.size(), netlify))
                .header("X-Total-Count", Integer.toString(users.size()));
    }

    private Pagination.Page parsePage(Call call) {
        try {
            return Pagination.parse(call);
        } catch (IllegalArgumentException e) {
            throw badRequest("Bad Pagination Parameters: " + e.getMessage());
        }
    }

    private java.util.Comparator<StoredUser> sortOrder(Call call) {
        try {
            return UserListing.order(call);
        } catch (IllegalArgumentException e) {
            throw badRequest("Bad Sort Parameters: " + e.getMessage());
        }
    }

    /** Upstream divides by zero here: netlify's panic kills the connection, supabase's recoverer answers 500. */
    private Reply perPageZero() {
        if (netlify) {
            return Reply.DROP;
        }
        throw context.errors().serverError();
    }

    Reply create(Call call) {
        return writes.create(call, auth.authorize(call));
    }

    Reply get(Call call, String id) {
        auth.authorize(call);
        return Reply.ok(context.userJson().render(load(id)));
    }

    Reply update(Call call, String id) {
        auth.authorize(call);
        return writes.update(call, load(id));
    }

    Reply delete(Call call, String id) {
        auth.authorize(call);
        return writes.delete(call, load(id));
    }

    /** {@code loadUser}: a UUID (netlify 400, supabase 404 otherwise) naming an existing user (404). */
    private StoredUser load(String id) {
        if (!Ids.isUuid(id)) {
            throw netlify ? ApiError.netlify(400, "user_id must be an UUID")
                    : ApiError.of(404, "validation_failed", "user_id must be an UUID");
        }
        return context.users().byId(Ids.canonical(id)).orElseThrow(() -> AdminWrites.userNotFound(context));
    }

    private ApiError badRequest(String message) {
        return netlify ? ApiError.netlify(400, message) : ApiError.of(400, "validation_failed", message);
    }
}
