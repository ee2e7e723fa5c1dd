// Cookie mode, to the contract of the broker's broker.cookie.enabled: tokens only in HttpOnly cookies, the body
// {token_type: "cookie", expires_in, session_id}, refresh with {} and the refresh cookie, POST /anon-session/end.
// Node's fetch keeps no cookies, so the test's fetch plays the browser's cookie jar (and its Origin header) for
// same-origin credentials. A stand-in plays the whole site (broker under /api, as behind the Netlify proxy, and the
// backend); the last test runs the broker jar in cookie mode, and is skipped while the jar has none.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { createAnonSession } from "../dist/anon-session.js";
import { startBroker } from "./broker.js";
import { eventually, recordingFetch, recordingServer } from "./servers.js";

const LIFETIME_S = 2;
const ACCESS = "__Host-anon-broker";
const REFRESH = "__Secure-anon-broker-refresh";
const live = new Map(); // access token -> { sid, expiresAt }
const refreshTokens = new Map(); // refresh token -> sid
const random = () => randomBytes(16).toString("base64url");
let site;

function cookiesOf(request) {
  return Object.fromEntries((request.headers.cookie ?? "").split(/;\s*/).filter(Boolean)
    .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}

function issue(sid) {
  const access = random();
  const refresh = random();
  live.set(access, { sid, expiresAt: Date.now() + LIFETIME_S * 1000 });
  refreshTokens.set(refresh, sid);
  return {
    status: 200,
    headers: { "Set-Cookie": [`${ACCESS}=${access}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${LIFETIME_S}`,
      `${REFRESH}=${refresh}; Path=/api/anon-session; Secure; HttpOnly; SameSite=Strict`] },
    body: { token_type: "cookie", expires_in: LIFETIME_S, session_id: sid },
  };
}

const unauthorized = { status: 401, headers: { "Content-Type": "application/problem+json" },
  body: { type: "https://anon-broker.dev/problems/invalid-token", title: "Invalid token", status: 401 } };

function standIn(request) {
  const cookies = cookiesOf(request);
  switch (`${request.method} ${request.url}`) {
    case "GET /api/anon-session/requirements":
      return { status: 200, body: { signed_proxy: true, proof_of_work: null, captcha: null } };
    case "POST /api/anon-session":
      return issue(random());
    case "POST /api/anon-session/refresh": {
      const sid = refreshTokens.get(cookies[REFRESH]);
      if (!sid || request.body !== "{}") return unauthorized;
      refreshTokens.delete(cookies[REFRESH]);
      return issue(sid);
    }
    case "POST /api/anon-session/end":
      live.delete(cookies[ACCESS]);
      refreshTokens.delete(cookies[REFRESH]);
      return { status: 204, headers: { "Set-Cookie": [`${ACCESS}=; Path=/; Max-Age=0`,
        `${REFRESH}=; Path=/api/anon-session; Max-Age=0`] } };
    case "GET /api/public-data": {
      const session = live.get(cookies[ACCESS]);
      return session && session.expiresAt > Date.now() ? { status: 200, body: { sid: session.sid } } : unauthorized;
    }
    default:
      return { status: 404, body: {} };
  }
}

/**
 * The browser's cookie jar for the page's origin: sent only with credentials other than "omit", by path. `origin`
 * is the Origin header a browser adds (it names the page; the broker compares it with its allow-list).
 */
function browserFetch(siteOrigin = site.origin, origin = undefined) {
  const jar = new Map(); // name -> { value, path }
  const record = recordingFetch();
  const fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    if (origin) headers.set("Origin", origin);
    if (request.credentials !== "omit" && url.origin === siteOrigin) {
      const sent = [...jar].filter(([, c]) => url.pathname.startsWith(c.path)).map(([n, c]) => `${n}=${c.value}`);
      if (sent.length) headers.set("Cookie", sent.join("; "));
    }
    const response = await record(new Request(request, { headers }));
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(/;\s*/);
      const name = pair.slice(0, pair.indexOf("="));
      const path = attributes.find((a) => a.startsWith("Path="))?.slice(5) ?? "/";
      if (attributes.includes("Max-Age=0")) jar.delete(name);
      else jar.set(name, { value: pair.slice(name.length + 1), path });
    }
    return response;
  };
  return { fetch, jar, log: record.log };
}

before(async () => {
  site = await recordingServer(standIn);
});

after(async () => {
  await site?.close();
});

test("cookie mode never handles a token, and refreshes and ends through the broker", async () => {
  const browser = browserFetch();
  const session = createAnonSession({ broker: `${site.origin}/api`, backends: [site.origin], cookie: true,
    fetch: browser.fetch });
  const events = [];
  for (const type of ["minting", "ready", "refreshed"]) session.addEventListener(type, (e) => events.push([type, e.detail]));

  const first = await session.fetch(`${site.origin}/api/public-data`);
  assert.equal(first.status, 200);
  const { sid } = await first.json();
  assert.equal(await session.token(), null, "no token in JavaScript");

  await eventually(async () => {
    await session.token();
    return events.some(([type]) => type === "refreshed");
  }, 10_000, "a refresh");
  const refresh = browser.log.find((r) => r.url.pathname === "/api/anon-session/refresh");
  assert.equal(refresh.body, "{}");
  assert.equal(refresh.credentials, "same-origin");
  assert.match(refresh.headers.cookie, new RegExp(`${REFRESH}=`), "the refresh cookie went along");
  const again = await session.fetch(`${site.origin}/api/public-data`);
  assert.equal((await again.json()).sid, sid, "the same session, refreshed");
  assert.deepEqual(events.map(([type]) => type), ["minting", "ready", "refreshed"]);
  assert.equal(events[1][1].token_type, "cookie");

  for (const request of browser.log) {
    assert.equal(request.headers.authorization, undefined, `${request.url.pathname}: never Authorization`);
    assert.equal(request.credentials, "same-origin", `${request.url.pathname}: same-origin credentials`);
  }

  await session.end();
  const end = browser.log.find((r) => r.url.pathname === "/api/anon-session/end");
  assert.equal(end.status, 204);
  assert.equal(end.method, "POST");
  assert.equal(browser.jar.size, 0, "both cookies cleared");
});

test("a backend 401 in cookie mode refreshes the cookies and retries once", async () => {
  const browser = browserFetch();
  const session = createAnonSession({ broker: `${site.origin}/api`, backends: [site.origin], cookie: true,
    fetch: browser.fetch });
  await session.token();
  live.clear(); // every access cookie is now refused, as after a revocation of the token alone

  const response = await session.fetch(`${site.origin}/api/public-data`);

  assert.equal(response.status, 200);
  const calls = browser.log.filter((r) => r.url.pathname === "/api/public-data").map((r) => r.status);
  assert.deepEqual(calls, [401, 200]);
  assert.equal(browser.log.filter((r) => r.url.pathname === "/api/anon-session/refresh").length, 1);
});

test("cookie mode against the broker jar, when it has cookie mode", async (t) => {
  const page = "https://site.example";
  const clientSecret = randomBytes(24).toString("hex");
  const broker = await startBroker({
    "broker.cookie.enabled": true,
    "broker.allowed-origins": page,
    "broker.token-ttl": "3s",
    "broker.backend-clients.tests.secret": clientSecret,
  });
  const introspect = async (token) => (await fetch(`${broker.url}/introspect`, {
    method: "POST",
    headers: { Authorization: "Basic " + Buffer.from(`tests:${clientSecret}`).toString("base64") },
    body: new URLSearchParams({ token }),
  })).json();
  try {
    const browser = browserFetch(broker.url, page);
    const session = createAnonSession({ broker: broker.url, backends: [], cookie: true, fetch: browser.fetch });
    const events = [];
    for (const type of ["ready", "refreshed"]) session.addEventListener(type, (e) => events.push([type, e.detail]));

    const token = await session.token();
    if (events[0][1].token_type !== "cookie") {
      t.skip(`this jar has no cookie mode yet (it answered token_type ${events[0][1].token_type})`);
      return;
    }
    assert.ok(token === null, "no token in JavaScript");
    const access = () => browser.jar.get(ACCESS)?.value;
    const first = access();
    assert.equal((await introspect(first)).active, true, "the access cookie holds a live broker token");
    assert.equal(browser.jar.get(REFRESH).path, "/anon-session");

    await eventually(async () => {
      await session.token();
      return events.some(([type]) => type === "refreshed");
    }, 10_000, "a refresh");
    const refreshed = access();
    assert.notEqual(refreshed, first);
    assert.equal(events[1][1].session_id, events[0][1].session_id, "the same session");
    assert.equal((await introspect(refreshed)).active, true);

    await session.end();
    assert.equal(browser.log.find((r) => r.url.pathname === "/anon-session/end").status, 204);
    assert.equal(browser.jar.size, 0, "both cookies cleared");
    assert.equal((await introspect(refreshed)).active, false, "the session is revoked");
    for (const request of browser.log) {
      assert.equal(request.headers.authorization, undefined, `${request.url.pathname}: never Authorization`);
    }
  } finally {
    await broker.close();
  }
});
