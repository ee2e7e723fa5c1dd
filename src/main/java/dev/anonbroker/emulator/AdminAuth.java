package dev.anonbroker.emulator;

/** The admin check of {@code /admin/*} routes (src/main/docs/guide/gotrue-compatibility.md section 4). */
interface AdminAuth {

    /** Passes an admin caller and returns the request audience; throws the flavor's {@link ApiError} otherwise. */
    String authorize(Call call);
}
