// The Netlify site example end to end: Chromium → the Netlify stand-in (the site's own netlify.toml, x-nf-sign) →
// the broker with the signed-proxy gate → the Express kit behind the site's /api/* rule.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { launchChromium } from "../lib/chromium.js";
import { PageServer } from "../lib/pages.js";
import { randomSecret } from "../lib/processes.js";
import { siteCopyWithTokenMode, startSite } from "../lib/site.js";

const LOADED = '#status[data-state="loaded"]';
const PAGE_DEADLINE_MS = 20_000;
const COOKIE_TOKEN_TTL_S = 6; // the client refreshes a quarter of the lifetime before expiry: after 4.5 s
const REFRESH_DEADLINE_MS = 20_000;
const POLL_INTERVAL_MS = 250;

/** Clicks the page's "Load again" button and waits until it is done; returns the page's state. */
async function loadAgain(page) {
  await page.click("#reload"); // the click disables the button until the load is over
  await page.waitForSelector("#reload:not([disabled])", { timeout: PAGE_DEADLINE_MS });
  return page.$eval("#status", (el) => el.dataset.state);
}

/** Opens the site's page and waits until its script has shown the backend's data; returns the data shown. */
async function loadSitePage(page, siteUrl) {
  await page.goto(`${siteUrl}/`);
  try {
    await page.waitForSelector(LOADED, { timeout: PAGE_DEADLINE_MS });
  } catch (error) {
    const status = await page.$eval("#status", (el) => `${el.dataset.state}: ${el.textContent}`);
    throw new Error(`the page did not load its data (${status}); console: ${page.consoleMessages.join(" | ")}`);
  }
  return JSON.parse(await page.$eval("#data", (el) => el.textContent));
}

describe("the Netlify site in bearer mode", () => {
  let chromium, site;

  before(async () => {
    [chromium, site] = await Promise.all([
      launchChromium(),
      startSite({ backendEnv: (siteUrl) => ({ ANON_BROKER_BACKEND_URL: siteUrl }) }),
    ]);
  });

  after(async () => {
    await Promise.all([chromium?.close(), site?.stop()]);
  });

  test("the site's proxied path mints with a signature the broker accepts, and the backend rule serves the data",
    async () => {
      const page = await chromium.newPage();
      await page.goto(`${site.url}/style.css`); // a document on the site's origin that runs no script of the site
      const result = await page.evaluate(async () => {
        const mint = await fetch("/api/anon-session", { method: "POST" });
        const { access_token: token } = await mint.json();
        const data = await fetch("/api/public-data", { headers: { Authorization: `Bearer ${token}` } });
        return { mint: mint.status, data: data.status, body: await data.json() };
      });
      assert.equal(result.mint, 200);
      assert.equal(result.data, 200);
      assert.equal(result.body.data, "public but gated");
      assert.equal(site.edge.proxied.find((r) => r.upstream === "/anon-session").signed, true);
    });

  test("the site's page shows the backend's data, through the client the broker serves", async () => {
    const page = await chromium.newPage();
    const proxiedBefore = site.edge.proxied.length;
    const data = await loadSitePage(page, site.url);
    assert.equal(data.data, "public but gated");
    const proxied = site.edge.proxied.slice(proxiedBefore);
    const module = proxied.find((r) => r.path === "/api/anon-session.js");
    assert.equal(module?.status, 200, "the client module came from the broker through the site");
    const mints = proxied.filter((r) => r.method === "POST" && r.upstream === "/anon-session");
    assert.deepEqual(mints.map((r) => [r.signed, r.status]), [[true, 200]], "one signed mint through the site");
    const calls = proxied.filter((r) => r.path === "/api/public-data");
    assert.deepEqual(calls.map((r) => r.status), [200]);
  });

  test("DPoP through the site: the broker and the kit accept proofs naming the site's URLs", async () => {
    const page = await chromium.newPage();
    await page.goto(`${site.url}/style.css`);
    const before = site.edge.proxied.length;
    const result = await page.evaluate(async () => {
      const { createAnonSession } = await import("/api/anon-session.js");
      const session = createAnonSession({ backends: [location.origin], dpop: true });
      let type;
      session.addEventListener("ready", (event) => { type = event.detail.token_type; });
      const response = await session.fetch("/api/public-data");
      return { status: response.status, type };
    });
    assert.deepEqual(result, { status: 200, type: "DPoP" });
    const call = site.edge.proxied.slice(before).find((r) => r.path === "/api/public-data");
    assert.equal(call.status, 200);
  });

  test("a mint that bypasses the site (no x-nf-sign) is refused by the broker", async () => {
    const response = await fetch(`${site.broker.url}/anon-session`, { method: "POST", headers: { origin: site.url } });
    assert.equal(response.status, 403);
    assert.match((await response.json()).type, /signed-proxy-required/);
  });

  test("a signature made with another secret is refused", async () => {
    const forged = site.edge.sign("another secret of at least thirty-two characters!");
    const response = await fetch(`${site.broker.url}/anon-session`, {
      method: "POST", headers: { origin: site.url, "x-nf-sign": forged },
    });
    assert.equal(response.status, 403);
    assert.match((await response.json()).type, /signed-proxy-invalid/);
  });
});

describe("the Netlify site with proof of work", () => {
  let chromium, site;

  before(async () => {
    [chromium, site] = await Promise.all([
      launchChromium(),
      startSite({ brokerSettings: { BROKER_POW_ENABLED: "true", BROKER_POW_HMAC_KEY: randomSecret() } }),
    ]);
  });

  after(async () => {
    await Promise.all([chromium?.close(), site?.stop()]);
  });

  test("the unchanged page solves the challenge in the worker the site proxies from the broker", async () => {
    const page = await chromium.newPage();
    const workers = [];
    page.on("workercreated", (worker) => workers.push(worker.url()));
    const data = await loadSitePage(page, site.url);
    assert.equal(data.data, "public but gated");
    assert.deepEqual(workers, [`${site.url}/api/anon-session-pow-worker.js`]);
    const status = (path) => site.edge.proxied.filter((r) => r.path === path).map((r) => r.status);
    assert.deepEqual(status("/api/anon-session/challenge"), [200], "the challenge came through the site");
    assert.deepEqual(status("/api/anon-session"), [200], "the solution was accepted");
  });
});

describe("the Netlify site in cookie mode", () => {
  let chromium, site, siteDir, sameSite, crossSite;

  before(async () => {
    siteDir = siteCopyWithTokenMode("cookie");
    [chromium, site, sameSite, crossSite] = await Promise.all([
      launchChromium(),
      startSite({
        siteDir,
        brokerSettings: {
          BROKER_COOKIE_ENABLED: "true", BROKER_COOKIE_REFRESH_PATH: "/api/anon-session",
          BROKER_TOKEN_TTL: `${COOKIE_TOKEN_TTL_S}s`,
        },
        backendEnv: (siteUrl) => ({ ANON_BROKER_COOKIE_NAME: "__Host-anon-broker", ANON_BROKER_ALLOWED_ORIGINS: siteUrl }),
      }),
      PageServer.start("127.0.0.1"), PageServer.start("localhost"),
    ]);
  });

  after(async () => {
    await Promise.all([chromium?.close(), site?.stop(), sameSite?.stop(), crossSite?.stop()]);
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  test("the page shows the data while its script never sees a token", async () => {
    const page = await chromium.newPage();
    const before = site.edge.proxied.length;
    const data = await loadSitePage(page, site.url);
    assert.equal(data.data, "public but gated");
    const call = site.edge.proxied.slice(before).find((r) => r.path === "/api/public-data");
    assert.deepEqual([call.cookies, call.authorization, call.status], [["__Host-anon-broker"], false, 200],
      "the backend got the token in the cookie, not in an Authorization header");
    assert.equal(await page.evaluate(() => document.cookie), "", "document.cookie shows no token");
    const cookies = await page.browserContext().cookies();
    const access = cookies.find((c) => c.name === "__Host-anon-broker");
    assert.ok(access, `the broker set its access cookie (cookies: ${cookies.map((c) => c.name).join(", ")})`);
    assert.deepEqual([access.httpOnly, access.secure, access.sameSite, access.path], [true, true, "Strict", "/"]);
    assert.ok(cookies.every((c) => c.httpOnly), "every cookie the broker set is HttpOnly");
  });

  test("the page's session is refreshed through the site with the refresh cookie", async () => {
    const page = await chromium.newPage();
    await loadSitePage(page, site.url);
    const [mintsBefore, refreshesBefore] = [await site.broker.mints(), await site.broker.refreshes()];
    const deadline = Date.now() + REFRESH_DEADLINE_MS;
    while (await site.broker.refreshes() === refreshesBefore && Date.now() < deadline) {
      assert.equal(await loadAgain(page), "loaded");
      await delay(POLL_INTERVAL_MS); // polling until the token is old enough; the deadline bounds it
    }
    assert.equal(await site.broker.refreshes(), refreshesBefore + 1, `no refresh within ${REFRESH_DEADLINE_MS} ms`);
    assert.equal(await site.broker.mints(), mintsBefore, "a refresh is not a mint");
    const refresh = site.edge.proxied.find((r) => r.path === "/api/anon-session/refresh");
    assert.equal(refresh.status, 200);
    assert.ok(refresh.cookies.includes("__Secure-anon-broker-refresh"), "the refresh cookie went to the refresh path");
    assert.equal(await loadAgain(page), "loaded", "the refreshed access cookie works");
  });

  test("a POST from another origin of the same site, with the visitor's cookie, is refused", async () => {
    const page = await chromium.newPage();
    await loadSitePage(page, site.url);
    const ownPost = await page.evaluate(async () => (await fetch("/api/public-data", { method: "POST" })).status);
    assert.equal(ownPost, 200, "the site's own POST with the cookie is accepted");
    const elsewhere = await page.browserContext().newPage();
    await elsewhere.goto(sameSite.html("/", "<!doctype html><title>other origin</title>"));
    const before = site.edge.proxied.length;
    await elsewhere.evaluate((target) => fetch(target, { method: "POST", credentials: "include", mode: "no-cors" })
      .catch(() => null), `${site.url}/api/public-data`);
    const posts = site.edge.proxied.slice(before).filter((r) => r.method === "POST");
    assert.equal(posts.length, 1, "the browser sent the cross-origin POST");
    assert.ok(posts[0].cookies.includes("__Host-anon-broker"), "same site: the browser sent the cookie along");
    assert.equal(posts[0].status, 403, "the kit refused the cookie with an Origin that is not the site's (CSRF)");
  });

  test("a POST from another site does not even carry the cookie (SameSite=Strict)", async () => {
    const page = await chromium.newPage();
    await loadSitePage(page, site.url);
    const elsewhere = await page.browserContext().newPage();
    await elsewhere.goto(crossSite.html("/", "<!doctype html><title>other site</title>"));
    const before = site.edge.proxied.length;
    await elsewhere.evaluate((target) => fetch(target, { method: "POST", credentials: "include", mode: "no-cors" })
      .catch(() => null), `${site.url}/api/public-data`);
    const posts = site.edge.proxied.slice(before).filter((r) => r.method === "POST");
    assert.equal(posts.length, 1, "the browser sent the cross-site POST");
    assert.deepEqual(posts[0].cookies, [], "another site: the browser kept the cookie back");
    assert.equal(posts[0].status, 401, "the kit saw no token");
  });
});
