// createAnonSession against the real broker jar and its embedded GoTrue emulator, with local servers playing a
// backend and a foreign origin. Node has no Web Worker, so the client solves inline here (see gates.test.js).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, createRemoteJWKSet, base64url } from "jose";
import { createHash } from "node:crypto";
import { createAnonSession } from "../dist/anon-session.js";
import { startBroker } from "./broker.js";
import { claimsOf, eventually, recordingFetch, recordingServer } from "./servers.js";

const CLIENT_SECRET = randomBytes(24).toString("hex");
let broker;
let backend;
let foreign;

before(async () => {
  broker = await startBroker({
    "broker.token-ttl": "3s",
    "broker.rate-limit.anon-session-per-ip": "1000/1m",
    "broker.backend-clients.tests.secret": CLIENT_SECRET,
  });
  backend = await recordingServer();
  foreign = await recordingServer();
});

after(async () => {
  await backend?.close();
  await foreign?.close();
  await broker?.close();
});

function newSession(options = {}) {
  const fetch = recordingFetch();
  const session = createAnonSession({ broker: broker.url, backends: [backend.origin], fetch, ...options });
  return { session, log: fetch.log };
}

const mints = (log) => log.filter((r) => r.method === "POST" && r.url.pathname === "/anon-session");
const refreshes = (log) => log.filter((r) => r.url.pathname === "/anon-session/refresh");
const bearerOf = (headers) => headers.authorization?.replace(/^(Bearer|DPoP) /, "");

async function introspect(token) {
  const res = await fetch(`${broker.url}/introspect`, {
    method: "POST",
    headers: { Authorization: "Basic " + Buffer.from(`tests:${CLIENT_SECRET}`).toString("base64"),
      "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }),
  });
  assert.equal(res.status, 200);
  return res.json();
}

describe("bearer session", () => {
  test("concurrent fetches share one mint and one token", async () => {
    const { session, log } = newSession();
    const events = [];
    for (const type of ["minting", "ready"]) session.addEventListener(type, () => events.push(type));
    const before = backend.requests.length;

    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => session.fetch(`${backend.origin}/data/${i}`)));

    assert.deepEqual(responses.map((r) => r.status), Array(12).fill(200));
    assert.equal(mints(log).length, 1, "one POST /anon-session for twelve calls");
    assert.deepEqual(events, ["minting", "ready"]);
    const tokens = new Set(backend.requests.slice(before).map((r) => bearerOf(r.headers)));
    assert.equal(tokens.size, 1);
    const [token] = tokens;
    assert.equal(token, await session.token());
    assert.equal((await introspect(token)).active, true, "the broker vouches for the token the backend got");
  });

  test("credentials go to the backend origins only", async () => {
    const { session, log } = newSession();
    const backendBefore = backend.requests.length;
    const foreignBefore = foreign.requests.length;

    await session.fetch(`${backend.origin}/with-token`, { method: "POST", body: "x=1" });
    await session.fetch(`${foreign.origin}/elsewhere`);
    await session.fetch(`http://localhost:${backend.port}/same-server-other-origin`);

    const toBackend = backend.requests.slice(backendBefore);
    assert.equal(toBackend[0].url, "/with-token");
    assert.match(toBackend[0].headers.authorization, /^Bearer ey/);
    assert.equal(toBackend[0].body, "x=1", "the body arrives unchanged");
    assert.equal(toBackend[1].url, "/same-server-other-origin");
    assert.equal(toBackend[1].headers.authorization, undefined, "localhost is another origin than 127.0.0.1");
    const toForeign = foreign.requests.slice(foreignBefore);
    assert.equal(toForeign.length, 1);
    assert.equal(toForeign[0].headers.authorization, undefined);
    assert.equal(toForeign[0].headers.dpop, undefined);
    const toBroker = log.filter((r) => r.url.origin === broker.url);
    assert.ok(toBroker.length >= 2, "requirements and mint");
    for (const request of toBroker) {
      assert.equal(request.headers.authorization, undefined, `${request.url.pathname} carries no Authorization`);
      assert.equal(request.credentials, "omit", "no cookies to the broker in bearer mode");
    }
  });

  test("the token is refreshed before it expires, in the same session", async () => {
    const { session, log } = newSession();
    const refreshed = [];
    session.addEventListener("refreshed", (event) => refreshed.push(event.detail));
    let ready;
    session.addEventListener("ready", (event) => (ready = event.detail));
    const first = await session.token();

    const second = await eventually(async () => {
      const token = await session.token();
      return token !== first && token;
    }, 10_000, "a refreshed token");

    assert.equal(mints(log).length, 1);
    assert.equal(refreshes(log).length, 1);
    assert.equal(JSON.parse(refreshes(log)[0].body).refresh_token.length > 0, true);
    assert.equal(refreshed.length, 1);
    assert.equal(refreshed[0].session_id, ready.session_id);
    assert.equal(claimsOf(second).sid, claimsOf(first).sid);
    assert.ok(claimsOf(first).exp * 1000 > Date.now() - 1_000, "refreshed before the first token's expiry");
    for (const detail of [ready, refreshed[0]]) {
      assert.deepEqual(Object.keys(detail).sort(), ["expires_in", "session_id", "token_type"], "no token in events");
    }
  });

  test("a 401 from the backend is retried once with a fresh token", async () => {
    const tokensSeen = [];
    const strict = await recordingServer((request) => {
      tokensSeen.push(bearerOf(request.headers));
      return tokensSeen.length === 1 ? { status: 401, body: { error: "invalid_token" } } : undefined;
    });
    try {
      const fetch = recordingFetch();
      const session = createAnonSession({ broker: broker.url, backends: [strict.origin], fetch });

      const response = await session.fetch(`${strict.origin}/private`);

      assert.equal(response.status, 200);
      assert.equal(tokensSeen.length, 2, "one retry");
      assert.notEqual(tokensSeen[1], tokensSeen[0], "the retry carries another token");
      assert.equal(claimsOf(tokensSeen[1]).sid, claimsOf(tokensSeen[0]).sid, "renewed by refresh, not a new session");
    } finally {
      await strict.close();
    }
  });

  test("a backend that keeps answering 401 gets exactly one retry", async () => {
    const always = await recordingServer(() => ({ status: 401, body: { error: "invalid_token" } }));
    try {
      const session = createAnonSession({ broker: broker.url, backends: [always.origin], fetch: recordingFetch() });

      const response = await session.fetch(`${always.origin}/private`);

      assert.equal(response.status, 401, "the caller sees the backend's answer");
      assert.equal(always.requests.length, 2);
    } finally {
      await always.close();
    }
  });

  test("end() revokes the session at the broker", async () => {
    const { session, log } = newSession();
    const token = await session.token();

    await session.end();

    const revoke = log.find((r) => r.url.pathname === "/revoke");
    assert.equal(revoke.status, 200);
    assert.equal(revoke.headers.authorization, `Bearer ${token}`);
    assert.equal((await introspect(token)).active, false);
    const next = await session.token();
    assert.notEqual(claimsOf(next).sid, claimsOf(token).sid, "a later call starts a new session");
  });
});

describe("DPoP session", () => {
  test("mint, refresh and backend calls carry proofs by one non-extractable key", async () => {
    const { session, log } = newSession({ dpop: true });
    const before = backend.requests.length;

    await session.fetch(`${backend.origin}/bound?q=1#frag`, { method: "PUT", body: "{}" });

    const mint = mints(log)[0];
    const mintProof = await jwtVerify(mint.headers.dpop, EmbeddedJWK, { typ: "dpop+jwt", algorithms: ["ES256"] });
    assert.equal(mintProof.payload.htm, "POST");
    assert.equal(mintProof.payload.htu, `${broker.url}/anon-session`);
    assert.equal(mintProof.payload.ath, undefined);
    assert.ok(Math.abs(mintProof.payload.iat - Date.now() / 1000) < 60);
    assert.equal(mintProof.protectedHeader.jwk.d, undefined, "only the public key travels");

    const call = backend.requests[before];
    assert.match(call.headers.authorization, /^DPoP ey/);
    const token = bearerOf(call.headers);
    const { payload: claims } = await jwtVerify(token, createRemoteJWKSet(new URL(`${broker.url}/.well-known/jwks.json`)),
      { issuer: broker.url, algorithms: ["ES256"] });
    const proof = await jwtVerify(call.headers.dpop, EmbeddedJWK, { typ: "dpop+jwt", algorithms: ["ES256"] });
    assert.equal(proof.payload.htm, "PUT");
    assert.equal(proof.payload.htu, `${backend.origin}/bound`, "without query and fragment");
    assert.equal(proof.payload.ath, base64url.encode(createHash("sha256").update(token).digest()));
    assert.notEqual(proof.payload.jti, mintProof.payload.jti);
    const thumbprint = await calculateJwkThumbprint(proof.protectedHeader.jwk);
    assert.equal(claims.cnf.jkt, thumbprint, "the token is bound to the key that signs the proofs");
    assert.equal(await calculateJwkThumbprint(mintProof.protectedHeader.jwk), thumbprint);
    const introspection = await introspect(token);
    assert.equal(introspection.token_type, "DPoP");
    assert.equal(introspection.cnf.jkt, thumbprint);

    const refreshedToken = await eventually(async () => {
      const next = await session.token();
      return next !== token && next;
    }, 10_000, "a refreshed DPoP token");
    const refreshProof = await jwtVerify(refreshes(log)[0].headers.dpop, EmbeddedJWK, { typ: "dpop+jwt", algorithms: ["ES256"] });
    assert.equal(refreshProof.payload.htu, `${broker.url}/anon-session/refresh`);
    assert.equal(await calculateJwkThumbprint(refreshProof.protectedHeader.jwk), thumbprint);
    assert.equal(claimsOf(refreshedToken).cnf.jkt, thumbprint, "the refreshed token stays bound to the key");
  });

  test("a new session gets a new key", async () => {
    const first = newSession({ dpop: true });
    const second = newSession({ dpop: true });

    const jkt = async ({ session }) => claimsOf(await session.token()).cnf.jkt;

    assert.notEqual(await jkt(first), await jkt(second));
  });
});
