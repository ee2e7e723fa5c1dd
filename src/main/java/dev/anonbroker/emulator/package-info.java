/**
 * A GoTrue-compatible HTTP server in memory, playing netlify/gotrue or supabase/auth as described in
 * {@code src/main/docs/guide/gotrue-compatibility.md}: signup, token grants, user and admin endpoints, access-token
 * JWTs, rate limits, plus injectable faults and a standalone command ({@link dev.anonbroker.emulator.EmulatorCommand}).
 *
 * <p>It owns its whole stack: the JDK {@code HttpServer}, Jackson trees, bcrypt hashes and hand-made HS256 JWTs.
 * It must not import any other {@code dev.anonbroker} package, nothing in the broker may import it, and it must
 * never log a password, token, JWT, secret or Authorization header. The server itself does not import Micronaut
 * either; only the embedding, {@link dev.anonbroker.emulator.EmbeddedGoTrue} and its condition
 * {@link dev.anonbroker.emulator.GoTrueUrlUnsetCondition}, do.
 */
package dev.anonbroker.emulator;
