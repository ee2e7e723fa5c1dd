// A broker with an Origin allow-list, reached by pages straight from the browser (CORS): a page on an allowed origin
// mints and calls the backend, one on a foreign origin is refused.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchChromium } from "../lib/chromium.js";
import { PageServer } from "../lib/pages.js";
import { Broker, ExpressBackend } from "../lib/processes.js";

const BLANK = "<!doctype html><meta charset=utf-8><title>test page</title>";

describe("a broker with an Origin allow-list", () => {
  let chromium, allowed, foreign, broker, backend;

  before(async () => {
    [chromium, allowed, foreign] = await Promise.all([
      launchChromium(), PageServer.start("127.0.0.1"), PageServer.start("localhost"),
    ]);
    broker = await Broker.start({ BROKER_ALLOWED_ORIGINS: allowed.origin });
    backend = await ExpressBackend.start(broker);
    allowed.forward("/api/", backend.url);
  });

  const originRefusals = () => broker.metric("broker_gate_decisions_total", { gate: "origin", outcome: "refused" });

  after(async () => {
    await Promise.all([chromium?.close(), allowed?.stop(), foreign?.stop(), backend?.stop(), broker?.stop()]);
  });

  test("a page on an allowed origin mints with fetch and the backend accepts the token", async () => {
    const page = await chromium.newPage();
    await page.goto(allowed.html("/", BLANK));
    const result = await page.evaluate(async (brokerUrl) => {
      const mint = await fetch(`${brokerUrl}/anon-session`, { method: "POST" });
      const { access_token: token, token_type: type } = await mint.json();
      const data = await fetch("/api/public-data", { headers: { Authorization: `Bearer ${token}` } });
      return { mint: mint.status, type, data: data.status, body: await data.json() };
    }, broker.url);
    assert.equal(result.mint, 200);
    assert.equal(result.type, "Bearer");
    assert.equal(result.data, 200);
    assert.equal(result.body.data, "public but gated");
  });

  test("a page on a foreign origin cannot mint: the broker refuses it and CORS hides the answer", async () => {
    const page = await chromium.newPage();
    await page.goto(foreign.html("/", BLANK));
    const refusedBefore = await originRefusals();
    const mintsBefore = await broker.mints();
    const outcome = await page.evaluate(async (brokerUrl) => {
      try {
        const response = await fetch(`${brokerUrl}/anon-session`, { method: "POST" });
        return `answered ${response.status}`;
      } catch (error) {
        return `${error.name}: ${error.message}`;
      }
    }, broker.url);
    assert.equal(outcome, "TypeError: Failed to fetch");
    assert.equal(await originRefusals(), refusedBefore + 1, "the broker's origin gate refused the request");
    assert.equal(await broker.mints(), mintsBefore, "no session was minted for the foreign origin");
  });
});
