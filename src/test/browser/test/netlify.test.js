// The Netlify site example end to end: Chromium → the Netlify stand-in (the site's own netlify.toml, x-nf-sign) →
// the broker with the signed-proxy gate → the Express kit behind the site's /api/* rule.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchChromium } from "../lib/chromium.js";
import { startSite } from "../lib/site.js";

describe("the Netlify site in bearer mode", () => {
  let chromium, site;

  before(async () => {
    [chromium, site] = await Promise.all([launchChromium(), startSite()]);
  });

  after(async () => {
    await Promise.all([chromium?.close(), site?.stop()]);
  });

  test("the site's proxied path mints with a signature the broker accepts, and the backend rule serves the data",
    async () => {
      const page = await chromium.newPage();
      await page.goto(`${site.url}/style.css`);
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
