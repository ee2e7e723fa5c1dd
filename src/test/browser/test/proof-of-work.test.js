// A broker with proof of work (broker.pow.enabled, the default difficulty): the stock ALTCHA widget solves its
// challenges in Chromium, and the broker mints for the payloads it produces. Prints the measured solve time.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { launchChromium } from "../lib/chromium.js";
import { PageServer } from "../lib/pages.js";
import { Broker, randomSecret } from "../lib/processes.js";

const WIDGET = fileURLToPath(new URL("../node_modules/altcha/dist/main/altcha.js", import.meta.url));
// POW_RUNS (default 5) solves of each kind; at most 14, as the broker's per-IP limit (30 in 10 minutes) counts both.
const WIDGET_RUNS = Number(process.env.POW_RUNS ?? 5);
const CLIENT_RUNS = Number(process.env.POW_RUNS ?? 5);
const WIDGET_PAGE = `<!doctype html><meta charset=utf-8><title>altcha widget</title>
<script type="module" src="/altcha.js"></script>
<script>
  // One solve by a fresh widget: it fetches the challenge from the broker itself (CORS) and solves it.
  window.solveWithWidget = (challengeUrl) => new Promise((resolve, reject) => {
    const widget = document.createElement("altcha-widget");
    widget.setAttribute("challenge", challengeUrl);
    widget.addEventListener("statechange", (e) => e.detail.state === "error" && reject(new Error("widget error")));
    widget.addEventListener("verified", (e) => { widget.remove(); resolve(e.detail.payload); });
    document.body.append(widget);
    customElements.whenDefined("altcha-widget").then(() => setTimeout(() => widget.verify(), 0));
  });
</script>`;

describe("a broker with proof of work", () => {
  let chromium, pages, broker;

  before(async () => {
    [chromium, pages] = await Promise.all([launchChromium(), PageServer.start("127.0.0.1")]);
    broker = await Broker.start({
      BROKER_ALLOWED_ORIGINS: pages.origin, BROKER_POW_ENABLED: "true", BROKER_POW_HMAC_KEY: randomSecret(),
    });
    pages.script("/altcha.js", WIDGET);
  });

  after(async () => {
    await Promise.all([chromium?.close(), pages?.stop(), broker?.stop()]);
  });

  test("a mint without a solution is refused", async () => {
    const page = await chromium.newPage();
    await page.goto(pages.html("/plain", "<!doctype html><title>plain</title>"));
    const answer = await page.evaluate(async (brokerUrl) => {
      const response = await fetch(`${brokerUrl}/anon-session`, { method: "POST" });
      return { status: response.status, type: (await response.json()).type };
    }, broker.url);
    assert.equal(answer.status, 403);
    assert.match(answer.type, /proof-of-work/);
  });

  test("the stock altcha widget solves the broker's challenges and the broker mints for its payloads", async (t) => {
    const page = await chromium.newPage();
    await page.goto(pages.html("/widget", WIDGET_PAGE));
    await page.evaluate(() => customElements.whenDefined("altcha-widget"));
    const solveTimes = [];
    for (let run = 0; run < WIDGET_RUNS; run++) {
      const payload = await page.evaluate((url) => window.solveWithWidget(url), `${broker.url}/anon-session/challenge`);
      solveTimes.push(JSON.parse(Buffer.from(payload, "base64").toString()).took);
      const status = await page.evaluate(async (brokerUrl, altcha) => (await fetch(`${brokerUrl}/anon-session`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ altcha }),
      })).status, broker.url, payload);
      assert.equal(status, 200, `the broker minted for the widget's payload of run ${run + 1}`);
    }
    t.diagnostic(`stock altcha widget 3.2.2 in Chromium ${await chromium.browser.version()}, default difficulty: `
      + `solve times ${solveTimes.join(", ")} ms (median ${median(solveTimes)} ms)`);
  });

  test("the broker's client solves the proof of work in a Web Worker and mints", async (t) => {
    const page = await chromium.newPage();
    await page.goto(pages.html("/client", "<!doctype html><title>client</title>"));
    const workers = [];
    page.on("workercreated", (worker) => workers.push(worker.url()));
    const mintsBefore = await broker.mints();
    const mintTimes = [];
    for (let run = 0; run < CLIENT_RUNS; run++) {
      const result = await page.evaluate(async (brokerUrl) => {
        const { createAnonSession } = await import(`${brokerUrl}/anon-session.js`);
        const session = createAnonSession({ backends: [] });
        let started;
        session.addEventListener("minting", () => { started = performance.now(); });
        const token = await session.token();
        return { parts: token.split(".").length, ms: performance.now() - started };
      }, broker.url);
      assert.equal(result.parts, 3, `run ${run + 1} got a JWT`);
      mintTimes.push(Math.round(result.ms));
    }
    assert.equal(await broker.mints(), mintsBefore + CLIENT_RUNS, "every solution was accepted");
    assert.equal(workers.length, CLIENT_RUNS, "each challenge was solved in a Web Worker");
    t.diagnostic(`anon-broker client in Chromium ${await chromium.browser.version()}, default difficulty: `
      + `mint with proof of work ${mintTimes.join(", ")} ms (median ${median(mintTimes)} ms; challenge, solve, mint)`);
  });
});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
