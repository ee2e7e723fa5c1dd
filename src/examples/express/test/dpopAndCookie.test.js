// brokerAuth with DPoP-bound tokens and with the token in a cookie, against a real broker process.
// Bound tokens are minted at the broker with a proof by a key the test makes (as the browser client does); the
// cookie tests put a broker token into the cookie themselves: the middleware only reads the cookie, whoever set it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createApp } from "../app.js";
import { brokerAndBackend, close, listen, quietLogger } from "./backend.js";
import { TestProofs } from "./proofs.js";

// The backend's public URL as the browser calls it: the test reaches it on 127.0.0.1, as through a proxy.
const PUBLIC_URL = "https://api.example.test";
const RESOURCE = `${PUBLIC_URL}/api/public-data`;
const COOKIE = "__Host-anon-broker";
const SITE = "https://www.example.test";
const DPOP_CHALLENGE = 'DPoP realm="api", error="invalid_token", algs="ES256"';
const PROOF_CHALLENGE = 'DPoP realm="api", error="invalid_dpop_proof", algs="ES256"';

function request(url, { method = "GET", authorization, proof, cookie, origin } = {}) {
  const headers = {};
  if (authorization) headers.Authorization = authorization;
  if (proof) headers.DPoP = proof;
  if (cookie) headers.Cookie = `theme=dark; ${COOKIE}=${cookie}`;
  if (origin) headers.Origin = origin;
  return fetch(url, { method, headers, signal: AbortSignal.timeout(10_000) });
}

async function assertStatus(responsePromise, status, { challenge, reason } = {}) {
  const res = await responsePromise;
  const body = await res.json();
  assert.equal(res.status, status, JSON.stringify(body));
  if (challenge) assert.equal(res.headers.get("www-authenticate"), challenge);
  if (reason) assert.match(body.error_description, new RegExp(`\\(${reason}\\)`));
  return body;
}

describe("brokerAuth with DPoP-bound tokens", () => {
  const ctx = brokerAndBackend({ backendUrl: PUBLIC_URL });
  let browser;
  let token;

  before(async () => {
    browser = await TestProofs.create();
    const session = await ctx.broker.newSession(
      { dpopProof: await browser.proof("POST", `${ctx.broker.issuer}/anon-session`) });
    assert.equal(session.token_type, "DPoP");
    token = session.access_token;
  });

  const dpop = async (proof, method = "GET") => request(ctx.url, { method, authorization: `DPoP ${token}`, proof });

  test("accepts a bound token with a fresh proof by its key, and refuses the same proof again", async () => {
    const proof = await browser.proof("GET", RESOURCE, token);
    await assertStatus(dpop(proof), 200);
    await assertStatus(dpop(proof), 401, { challenge: PROOF_CHALLENGE, reason: "dpop-replay" });
  });

  test("accepts a proof whose htu has a query, and a POST with a POST proof", async () => {
    await assertStatus(dpop(await browser.proof("GET", `${RESOURCE}?page=2`, token)), 200);
    await assertStatus(dpop(await browser.proof("POST", RESOURCE, token), "POST"), 200);
  });

  test("refuses a proof for another method", async () => {
    await assertStatus(dpop(await browser.proof("POST", RESOURCE, token)), 401,
      { challenge: PROOF_CHALLENGE, reason: "dpop-htm" });
  });

  test("refuses a proof for another URL", async () => {
    await assertStatus(dpop(await browser.proof("GET", "https://evil.test/api/public-data", token)), 401,
      { challenge: PROOF_CHALLENGE, reason: "dpop-htu" });
    await assertStatus(dpop(await browser.proof("GET", `${PUBLIC_URL}/api/other`, token)), 401,
      { challenge: PROOF_CHALLENGE, reason: "dpop-htu" });
  });

  test("refuses a stale proof and one from the future", async () => {
    await assertStatus(dpop(await browser.proof("GET", RESOURCE, token, { ageSeconds: 120 })), 401,
      { challenge: PROOF_CHALLENGE, reason: "dpop-iat" });
    await assertStatus(dpop(await browser.proof("GET", RESOURCE, token, { ageSeconds: -60 })), 401,
      { challenge: PROOF_CHALLENGE, reason: "dpop-iat" });
  });

  test("refuses a proof for another access token (ath)", async () => {
    await assertStatus(dpop(await browser.proof("GET", RESOURCE, "another-token")), 401,
      { challenge: PROOF_CHALLENGE, reason: "dpop-ath" });
  });

  test("refuses a proof signed by another key", async () => {
    const stranger = await TestProofs.create();
    await assertStatus(dpop(await stranger.proof("GET", RESOURCE, token)), 401,
      { challenge: PROOF_CHALLENGE, reason: "dpop-key" });
  });

  test("refuses a bound token without a proof, or with two", async () => {
    await assertStatus(dpop(undefined), 401, { challenge: PROOF_CHALLENGE, reason: "dpop-proof-missing" });
    const headers = new Headers({ Authorization: `DPoP ${token}` });
    headers.append("DPoP", await browser.proof("GET", RESOURCE, token));
    headers.append("DPoP", await browser.proof("GET", RESOURCE, token));
    await assertStatus(fetch(ctx.url, { headers }), 401, { challenge: PROOF_CHALLENGE, reason: "dpop-proof-multiple" });
  });

  test("refuses a bound token sent as Bearer, with or without a proof", async () => {
    await assertStatus(request(ctx.url, { authorization: `Bearer ${token}` }), 401,
      { challenge: DPOP_CHALLENGE, reason: "dpop-bound" });
    await assertStatus(request(ctx.url,
      { authorization: `Bearer ${token}`, proof: await browser.proof("GET", RESOURCE, token) }), 401,
    { challenge: DPOP_CHALLENGE, reason: "dpop-bound" });
  });

  test("refuses a bearer token sent as DPoP (control: accepted as Bearer)", async () => {
    const bearer = (await ctx.broker.newSession()).access_token;
    await assertStatus(request(ctx.url, { authorization: `Bearer ${bearer}` }), 200);
    const proof = await browser.proof("GET", RESOURCE, bearer);
    await assertStatus(request(ctx.url, { authorization: `DPoP ${bearer}`, proof }), 401,
      { challenge: DPOP_CHALLENGE, reason: "not-dpop-bound" });
  });

  test("refuses every bound token when no backendUrl is configured", async () => {
    const server = await listen(createApp({ issuer: ctx.broker.issuer, logger: quietLogger }));
    try {
      const url = `http://127.0.0.1:${server.address().port}/api/public-data`;
      const proof = await browser.proof("GET", RESOURCE, token);
      await assertStatus(request(url, { authorization: `DPoP ${token}`, proof }), 401,
        { challenge: DPOP_CHALLENGE, reason: "dpop-not-configured" });
    } finally {
      await close(server);
    }
  });
});

describe("brokerAuth with the token in a cookie", () => {
  const ctx = brokerAndBackend({ cookieName: COOKIE, allowedOrigins: [SITE], backendUrl: PUBLIC_URL });
  let token;

  before(async () => {
    token = (await ctx.broker.newSession()).access_token;
  });

  test("accepts the token from the cookie on GET, without an Origin", async () => {
    await assertStatus(request(ctx.url, { cookie: token }), 200);
  });

  test("accepts a POST with the cookie from an allowed Origin", async () => {
    await assertStatus(request(ctx.url, { method: "POST", cookie: token, origin: SITE }), 200);
  });

  test("refuses a POST with the cookie from a foreign Origin or without one (CSRF)", async () => {
    const foreign = await assertStatus(request(ctx.url, { method: "POST", cookie: token, origin: "https://evil.test" }),
      403);
    assert.equal(foreign.error, "origin_not_allowed");
    await assertStatus(request(ctx.url, { method: "POST", cookie: token }), 403);
    await assertStatus(request(ctx.url, { method: "POST", cookie: token, origin: "null" }), 403);
  });

  test("still accepts the Authorization header, before the cookie and without an Origin", async () => {
    await assertStatus(request(ctx.url, { method: "POST", authorization: `Bearer ${token}` }), 200);
    await assertStatus(request(ctx.url, { authorization: `Bearer ${token}`, cookie: "not-a-token" }), 200);
  });

  test("refuses a bad token in the cookie", async () => {
    await assertStatus(request(ctx.url, { cookie: "not-a-token" }), 401, { reason: "malformed" });
  });

  test("refuses a DPoP-bound token in the cookie", async () => {
    const browser = await TestProofs.create();
    const bound = (await ctx.broker.newSession(
      { dpopProof: await browser.proof("POST", `${ctx.broker.issuer}/anon-session`) })).access_token;
    await assertStatus(request(ctx.url, { cookie: bound, proof: await browser.proof("GET", RESOURCE, bound) }), 401,
      { challenge: DPOP_CHALLENGE, reason: "dpop-bound" });
  });

  test("ignores the cookie when cookieName is not set", async () => {
    const server = await listen(createApp({ issuer: ctx.broker.issuer, logger: quietLogger }));
    after(() => close(server));
    const url = `http://127.0.0.1:${server.address().port}/api/public-data`;
    await assertStatus(request(url, { cookie: token }), 401, { challenge: 'Bearer realm="api"' });
    await assertStatus(request(url, { authorization: `Bearer ${token}` }), 200);
  });
});
