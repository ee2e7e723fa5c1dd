// brokerAuth against a real broker process: its tokens pass, forged and foreign ones do not.
// The backend is the example app, listening on a free port of this test process; it fetches the broker's JWKS over
// HTTP like a deployed backend would.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { brokerAndBackend } from "./backend.js";
import * as tokens from "./tokens.js";

async function call(ctx, token) {
  const headers = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  return fetch(ctx.url, { headers, signal: AbortSignal.timeout(10_000) });
}

async function assertAccepted(ctx, token) {
  const res = await call(ctx, token);
  const body = await res.json();
  assert.equal(res.status, 200, `refused: ${JSON.stringify(body)}`);
  return body;
}

async function assertRefused(ctx, token, reason) {
  const res = await call(ctx, token);
  const body = await res.json();
  assert.equal(res.status, 401, `not refused: ${JSON.stringify(body)}`);
  assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api", error="invalid_token"');
  assert.equal(body.error_description, `Broker token refused (${reason})`);
}

describe("brokerAuth", () => {
  const ctx = brokerAndBackend();

  test("accepts a token from POST /anon-session", async () => {
    const session = await ctx.broker.newSession();
    const body = await assertAccepted(ctx, session.access_token);
    assert.equal(body.session, session.session_id);
  });

  test("accepts a token signed with the published key and good claims (control for the forged ones)", async () => {
    await assertAccepted(ctx, await tokens.sign(ctx.key, tokens.claims(ctx.broker.issuer)));
  });

  test("answers a request without token with 401 and a Bearer challenge", async () => {
    const res = await call(ctx, undefined);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api"');
  });

  test("refuses an expired token", async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const payload = tokens.claims(ctx.broker.issuer, { iat: hourAgo - 600, nbf: hourAgo - 600, exp: hourAgo });
    await assertRefused(ctx, await tokens.sign(ctx.key, payload), "expired");
  });

  test("refuses a token for another audience", async () => {
    const payload = tokens.claims(ctx.broker.issuer, { aud: "other-api" });
    await assertRefused(ctx, await tokens.sign(ctx.key, payload), "audience");
  });

  test("refuses a token from another issuer", async () => {
    await assertRefused(ctx, await tokens.sign(ctx.key, tokens.claims("https://broker.example.com")), "issuer");
  });

  test("refuses a tampered token", async () => {
    const { access_token } = await ctx.broker.newSession();
    await assertRefused(ctx, tokens.tampered(access_token), "signature");
  });

  test("refuses an unsigned alg: none token", async () => {
    await assertRefused(ctx, tokens.unsigned(tokens.claims(ctx.broker.issuer), ctx.key.kid), "algorithm");
  });

  test("refuses an HS256 token keyed with the public key", async () => {
    const token = await tokens.hs256WithPublicKey(ctx.key, tokens.claims(ctx.broker.issuer));
    await assertRefused(ctx, token, "algorithm");
  });

  test("refuses a token signed by a key the broker does not publish", async () => {
    const stranger = await tokens.newKey("unknown");
    await assertRefused(ctx, await tokens.sign(stranger, tokens.claims(ctx.broker.issuer)), "unknown-key");
  });

  test("refuses a token that is not an access token (typ JWT)", async () => {
    const token = await tokens.sign(ctx.key, tokens.claims(ctx.broker.issuer), { typ: "JWT" });
    await assertRefused(ctx, token, "typ");
  });
});

describe("brokerAuth across a key rotation", () => {
  // jose refetches the key set for an unknown kid at most once per cooldownDuration (default 30 s); the broker's
  // restart takes less than that, so this backend allows an immediate refetch. See the README on rotating keys.
  const ctx = brokerAndBackend({ cooldownDuration: 0 });

  test("accepts tokens of the old and the new key without restarting the backend", async () => {
    const oldToken = (await ctx.broker.newSession()).access_token;
    await assertAccepted(ctx, oldToken); // the backend now caches a key set without the new key
    const app = ctx.app;

    const newKey = await tokens.newKey("second");
    await ctx.broker.stop();
    await ctx.broker.start(await tokens.signingJwks(newKey, ctx.key));
    const newToken = (await ctx.broker.newSession()).access_token;

    assert.equal(tokens.headerOf(newToken).kid, newKey.kid);
    await assertAccepted(ctx, newToken); // unknown kid: the backend fetches the key set again
    await assertAccepted(ctx, oldToken);
    assert.equal(ctx.app, app);
  });
});
