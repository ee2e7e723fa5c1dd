// The broker's browser client (GET /anon-session.js) in Chromium, against a broker with an Origin allow-list and a
// short token lifetime, and the Express kit on the page's own origin.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchChromium } from "../lib/chromium.js";
import { PageServer } from "../lib/pages.js";
import { Broker, ExpressBackend } from "../lib/processes.js";

const BLANK = "<!doctype html><meta charset=utf-8><title>test page</title>";
const TOKEN_TTL_S = 6; // the client refreshes a quarter of the lifetime before expiry: after 4.5 s
const REFRESH_DEADLINE_MS = 20_000;
const POLL_INTERVAL_MS = 250;

describe("the browser client", () => {
  let chromium, allowed, foreign, broker, backend;

  before(async () => {
    [chromium, allowed, foreign] = await Promise.all([
      launchChromium(), PageServer.start("127.0.0.1"), PageServer.start("localhost"),
    ]);
    broker = await Broker.start({ BROKER_ALLOWED_ORIGINS: allowed.origin, BROKER_TOKEN_TTL: `${TOKEN_TTL_S}s` });
    // The kit checks a DPoP proof's htu against its public URL: the page's origin, which passes /api/ on to it.
    backend = await ExpressBackend.start(broker, { ANON_BROKER_BACKEND_URL: allowed.origin });
    allowed.forward("/api/", backend.url);
  });

  after(async () => {
    await Promise.all([chromium?.close(), allowed?.stop(), foreign?.stop(), backend?.stop(), broker?.stop()]);
  });

  /** A fresh tab on the allowed origin with `window.session`, made by the broker's module with `options`. */
  async function sessionPage(options = {}) {
    const page = await chromium.newPage();
    await page.goto(allowed.html("/", BLANK));
    await page.evaluate(async (brokerUrl, extra) => {
      const { createAnonSession } = await import(`${brokerUrl}/anon-session.js`);
      window.events = [];
      window.session = createAnonSession({ backends: [location.origin], ...extra });
      for (const type of ["minting", "ready", "refreshed", "refused"]) {
        window.session.addEventListener(type, (event) => window.events.push({ type, detail: event.detail }));
      }
    }, broker.url, options);
    return page;
  }

  test("a page on an allowed origin gets a token on its first fetch and the backend accepts it", async () => {
    const page = await sessionPage();
    const mintsBefore = await broker.mints();
    const result = await page.evaluate(async () => {
      const response = await window.session.fetch("/api/public-data");
      return { status: response.status, body: await response.json(), events: window.events };
    });
    assert.equal(result.status, 200);
    assert.equal(result.body.data, "public but gated");
    assert.deepEqual(result.events.map((e) => e.type), ["minting", "ready"]);
    assert.equal(result.events[1].detail.token_type, "Bearer");
    assert.equal(result.body.session, result.events[1].detail.session_id, "the backend saw the session's token");
    assert.equal(await broker.mints(), mintsBefore + 1);
  });

  test("the token is refreshed before it expires, in the same session, without a new mint", async () => {
    const page = await sessionPage();
    const first = await page.evaluate(async () => (await window.session.fetch("/api/public-data")).json());
    const [mintsBefore, refreshesBefore] = [await broker.mints(), await broker.refreshes()];
    const deadline = Date.now() + REFRESH_DEADLINE_MS;
    let refreshed = null;
    while (!refreshed && Date.now() < deadline) {
      refreshed = await page.evaluate(async (interval) => {
        const response = await window.session.fetch("/api/public-data");
        const event = window.events.find((e) => e.type === "refreshed");
        if (event) return { status: response.status, body: await response.json(), event: event.detail };
        await new Promise((resolve) => setTimeout(resolve, interval));
        return null;
      }, POLL_INTERVAL_MS);
    }
    assert.ok(refreshed, `no refresh within ${REFRESH_DEADLINE_MS} ms of a ${TOKEN_TTL_S} s token`);
    assert.equal(refreshed.status, 200, "the backend accepts the refreshed token");
    assert.equal(refreshed.event.session_id, first.session);
    assert.equal(refreshed.body.session, first.session);
    assert.equal(await broker.mints(), mintsBefore, "a refresh is not a mint");
    assert.equal(await broker.refreshes(), refreshesBefore + 1);
  });

  test("concurrent fetches of a new session cause one mint", async () => {
    const page = await sessionPage();
    const mintRequests = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url() === `${broker.url}/anon-session`) mintRequests.push(request);
    });
    const mintsBefore = await broker.mints();
    const statuses = await page.evaluate(() => Promise.all(Array.from({ length: 12 },
      () => window.session.fetch("/api/public-data").then((response) => response.status))));
    assert.deepEqual(statuses, Array(12).fill(200));
    assert.equal(mintRequests.length, 1, "the page sent one POST /anon-session");
    assert.equal(await broker.mints(), mintsBefore + 1, "the broker minted once");
  });

  test("a page on a foreign origin can neither import the client nor mint with a copy of it", async () => {
    const page = await chromium.newPage();
    await page.goto(foreign.html("/", BLANK));
    foreign.script("/copied-anon-session.js", new URL("../../../client/anon-session.js", import.meta.url).pathname);
    const mintsBefore = await broker.mints();
    const outcome = await page.evaluate(async (brokerUrl) => {
      const imported = await import(`${brokerUrl}/anon-session.js`).then(() => "imported", (e) => e.name);
      const { createAnonSession } = await import("/copied-anon-session.js");
      const session = createAnonSession({ broker: brokerUrl, backends: [location.origin] });
      const minted = await session.token().then(() => "minted", (e) => `${e.name}: ${e.message}`);
      return { imported, minted };
    }, broker.url);
    assert.equal(outcome.imported, "TypeError", "CORS refuses the module to a foreign origin");
    assert.equal(outcome.minted, "TypeError: Failed to fetch", "CORS refuses the mint's answer");
    assert.equal(await broker.mints(), mintsBefore, "the broker minted nothing for the foreign origin");
  });

  test("the token is in no storage and in no request to an origin other than the backend's", async () => {
    const page = await sessionPage();
    const leaks = [];
    page.on("request", (request) => {
      const origin = new URL(request.url()).origin;
      const headers = request.headers();
      if (origin !== allowed.origin && (headers.authorization || headers.dpop)) leaks.push(request.url());
    });
    const foreignRequestsBefore = foreign.requests.length;
    const found = await page.evaluate(async (elsewhere) => {
      await window.session.fetch("/api/public-data");
      await window.session.fetch(`${elsewhere}/other-api`).catch(() => null); // no CORS there: refused, still sent
      const token = await window.session.token();
      const values = [document.cookie];
      for (const store of [localStorage, sessionStorage]) {
        for (let i = 0; i < store.length; i++) values.push(store.key(i), store.getItem(store.key(i)));
      }
      const databases = await indexedDB.databases();
      const caches = await globalThis.caches?.keys();
      return {
        tokenShape: token.split(".").length,
        inStorage: values.some((value) => value.includes(token) || value.includes(token.split(".")[1])),
        cookie: document.cookie, local: localStorage.length, session: sessionStorage.length,
        databases: databases.length, caches: caches?.length ?? 0,
      };
    }, foreign.origin);
    assert.equal(found.tokenShape, 3, "session.token() gave a JWT");
    assert.deepEqual(found, { tokenShape: 3, inStorage: false, cookie: "", local: 0, session: 0, databases: 0, caches: 0 });
    assert.deepEqual(await page.browserContext().cookies(), [], "no cookie at all in the browser");
    assert.deepEqual(leaks, [], "no Authorization or DPoP header went to another origin");
    const received = foreign.requests.slice(foreignRequestsBefore).filter((r) => r.path === "/other-api");
    assert.equal(received.length, 1, "the request to the other origin was sent");
    assert.equal(received[0].headers.authorization, undefined);
    assert.equal(received[0].headers.dpop, undefined);
  });

  test("a DPoP-bound token is accepted by the kit with the browser's proof, and the proof cannot be replayed",
    async () => {
      const page = await sessionPage({ dpop: true });
      const sent = [];
      page.on("request", (request) => {
        if (request.url() === `${allowed.origin}/api/public-data`) sent.push(request.headers());
      });
      const result = await page.evaluate(async () => {
        const response = await window.session.fetch("/api/public-data");
        return { status: response.status, events: window.events };
      });
      assert.equal(result.status, 200, "the kit accepted the bound token with its proof");
      assert.equal(result.events.find((e) => e.type === "ready").detail.token_type, "DPoP");
      assert.equal(sent.length, 1);
      const { authorization, dpop } = sent[0];
      assert.match(authorization, /^DPoP /);
      assert.ok(dpop, "the browser sent a DPoP proof");

      const replay = await fetch(`${allowed.origin}/api/public-data`, { headers: { authorization, dpop } });
      assert.equal(replay.status, 401, "the same proof a second time is refused");
      assert.match((await replay.json()).error_description, /dpop-replay/);
      const asBearer = await fetch(`${allowed.origin}/api/public-data`, {
        headers: { authorization: authorization.replace(/^DPoP /, "Bearer ") },
      });
      assert.equal(asBearer.status, 401, "the bound token without a proof, as a bearer token, is refused");
      assert.match((await asBearer.json()).error_description, /dpop-bound/);
    });
});
