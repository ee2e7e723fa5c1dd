// The broker's gates as the client meets them: proof of work (solved inline, Node has no Web Worker; the served
// worker script runs in a VM context below), a captcha from the callback, and a per-IP rate limit whose 429
// Retry-After the client waits out. Cloudflare's siteverify cannot be reached from here: a local stand-in answers as
// Turnstile does (success and hostname for a token it issued, invalid-input-response otherwise).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import vm from "node:vm";
import { AnonSessionError, createAnonSession } from "../dist/anon-session.js";
import { startBroker } from "./broker.js";
import { recordingFetch, recordingServer } from "./servers.js";

const SITE_KEY = "1x00000000000000000000AA";
const RATE_WINDOW_S = 3;
let broker;
let siteverify;
let issuedCaptchas = 0;

before(async () => {
  siteverify = await recordingServer((request) => {
    const token = new URLSearchParams(request.body).get("response") ?? "";
    return token.startsWith("issued-")
      ? { status: 200, body: { success: true, "error-codes": [], hostname: "127.0.0.1", challenge_ts: new Date().toISOString() } }
      : { status: 200, body: { success: false, "error-codes": ["invalid-input-response"] } };
  });
  broker = await startBroker({
    "broker.pow.enabled": true,
    "broker.pow.hmac-key": randomBytes(32).toString("hex"),
    "broker.pow.max-number": 3000,
    "broker.captcha.provider": "turnstile",
    "broker.captcha.secret": "1x0000000000000000000000000000000AA",
    "broker.captcha.site-key": SITE_KEY,
    "broker.captcha.verify-url": `${siteverify.origin}/siteverify`,
    "broker.rate-limit.anon-session-per-ip": `1/${RATE_WINDOW_S}s`,
  });
});

after(async () => {
  await broker?.close();
  await siteverify?.close();
});

const captcha = async (requirement) => {
  assert.equal(requirement.provider, "turnstile");
  assert.equal(requirement.site_key, SITE_KEY);
  return `issued-${++issuedCaptchas}`;
};

/** The served worker script, run as a worker would: a global `self` with onmessage and postMessage. */
async function solveWithServedWorker(challenge) {
  const source = await (await fetch(`${broker.url}/anon-session-pow-worker.js`)).text();
  return new Promise((resolve) => {
    const self = { postMessage: resolve };
    vm.runInNewContext(source, { self, crypto: globalThis.crypto, TextEncoder, Date });
    self.onmessage({ data: challenge });
  });
}

test("the served worker's solution is accepted by the broker", async () => {
  const challenge = await (await fetch(`${broker.url}/anon-session/challenge`)).json();

  const { number, took } = await solveWithServedWorker(challenge);

  assert.ok(Number.isInteger(number) && number <= challenge.maxnumber);
  assert.ok(took >= 0);
  const { algorithm, salt, signature } = challenge;
  const altcha = btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature, took }));
  const res = await fetch(`${broker.url}/anon-session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ altcha, captcha_token: await captcha({ provider: "turnstile", site_key: SITE_KEY }) }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.ok((await res.json()).access_token);
});

test("a mint waits out 429 Retry-After, then solves the proof of work and passes the captcha", async () => {
  const fetch = recordingFetch();
  const session = createAnonSession({ broker: broker.url, captcha, fetch });
  const started = Date.now();

  const token = await session.token();

  assert.match(token, /^ey/);
  const mints = fetch.log.filter((r) => r.url.pathname === "/anon-session");
  assert.deepEqual(mints.map((r) => r.status), [429, 200], "the bucket is spent by the test before");
  const retryAfter = Number(mints[0].retryAfter);
  assert.ok(retryAfter >= 1 && retryAfter <= RATE_WINDOW_S, `Retry-After: ${mints[0].retryAfter}`);
  assert.ok(Date.now() - started >= retryAfter * 1000, "waited for the Retry-After");
  const bodies = mints.map((r) => JSON.parse(r.body));
  assert.notEqual(bodies[0].altcha, bodies[1].altcha, "each attempt solves a fresh challenge");
  assert.notEqual(bodies[0].captcha_token, bodies[1].captcha_token, "and takes a fresh captcha token");
  assert.equal(fetch.log.filter((r) => r.url.pathname === "/anon-session/challenge").length, 2);
  assert.equal(fetch.log.filter((r) => r.url.pathname === "/anon-session/requirements").length, 1, "read once");
});

test("a Retry-After beyond maxRetryWait is not waited out: refused, with the problem", async () => {
  const session = createAnonSession({ broker: broker.url, captcha, fetch: recordingFetch(), maxRetryWait: 200 });
  const refusals = [];
  session.addEventListener("refused", (event) => refusals.push(event.detail));
  const started = Date.now();

  const error = await session.token().then(() => undefined, (e) => e);

  assert.ok(error instanceof AnonSessionError, String(error));
  assert.equal(error.status, 429);
  assert.ok(Date.now() - started < RATE_WINDOW_S * 1000, "did not wait");
  assert.equal(refusals.length, 1);
  assert.equal(refusals[0].status, 429);
  assert.match(refusals[0].type, /rate-limited/);
  assert.deepEqual(error.problem, refusals[0]);
});

test("without a captcha callback the client says what is missing", async () => {
  const session = createAnonSession({ broker: broker.url, fetch: recordingFetch() });

  await assert.rejects(session.token(), /captcha callback/);
});
