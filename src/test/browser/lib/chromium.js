// Headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM) driven by puppeteer-core, in a fresh profile.
// Without the background-networking flags Chromium's own connections are refused by this sandbox's network.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

export async function launchChromium() {
  const userDataDir = await mkdtemp(join(tmpdir(), "anon-broker-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      `--user-data-dir=${userDataDir}`],
  });
  return {
    browser,
    /** A new tab in a context of its own (no cookies or storage shared with other tabs), its console captured. */
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.consoleMessages = [];
      page.on("console", (message) => page.consoleMessages.push(`${message.type()}: ${message.text()}`));
      page.on("pageerror", (error) => page.consoleMessages.push(`pageerror: ${error.message}`));
      return page;
    },
    async close() {
      await browser.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
