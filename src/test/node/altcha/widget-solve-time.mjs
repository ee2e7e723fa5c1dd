// What proof of work costs a real visitor: the stock ALTCHA widget (npm altcha 3.2.2) solving v1 challenges in
// headless Chromium, driven by puppeteer-core. A benchmark, never a test: prints figures, asserts nothing.
// Two figures per run: the wait, from the widget's "verifying" state to its "verified" event, which includes the
// widget's default minDuration of 500 ms (it never reports sooner), and the solve itself, the payload's "took".
//
// Needs the devDependencies (npm ci in this directory; Maven's test build installs only altcha-lib) and a Chromium
// (apt-get install -y chromium).
//
// Usage: node widget-solve-time.mjs [broker-url] [runs] [max-number]
//   broker-url  a broker with broker.pow.enabled, e.g. http://127.0.0.1:8080; its challenges are used and every
//               payload the widget produces is sent to POST /anon-session, which must mint. Use "-" for none:
//               challenges then come from altcha-lib's v1 createChallenge with max-number (same protocol).
//   runs        challenges to solve (20)
//   max-number  difficulty without a broker (100000, the broker's default)
// Environment: CHROMIUM (default /usr/bin/chromium).
import { createServer } from 'node:http';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import puppeteer from 'puppeteer-core';

const broker = process.argv[2] && process.argv[2] !== '-' ? process.argv[2].replace(/\/$/, '') : null;
const runs = Number(process.argv[3] ?? 20);
const maxNumber = Number(process.argv[4] ?? 100000);
const hmacKey = randomBytes(32).toString('hex');
const widgetJs = await readFile(new URL('./node_modules/altcha/dist/main/altcha.js', import.meta.url));
const page = `<!doctype html><meta charset="utf-8"><title>widget solve time</title>
<script type="module" src="/altcha.js"></script>
<script>
  // One solve: a fresh widget fetches /challenge and solves it; the time runs from its "verifying" state to "verified".
  window.solveOnce = () => new Promise((resolve, reject) => {
    const widget = document.createElement('altcha-widget');
    widget.setAttribute('challenge', '/challenge');
    let start = performance.now();
    widget.addEventListener('statechange', (e) => {
      if (e.detail.state === 'verifying') start = performance.now();
      if (e.detail.state === 'error') reject(new Error('widget error'));
    });
    widget.addEventListener('verified', (e) => {
      const ms = performance.now() - start;
      widget.remove();
      resolve({ ms, payload: e.detail.payload });
    });
    document.body.append(widget);
    customElements.whenDefined('altcha-widget').then(() => setTimeout(() => widget.verify(), 0));
  });
</script>`;

async function challengeJson() {
  if (broker) {
    const response = await fetch(`${broker}/anon-session/challenge`);
    if (!response.ok) throw new Error(`broker challenge answered ${response.status}`);
    return response.text();
  }
  return JSON.stringify(await createChallenge({ hmacKey, maxNumber, expires: new Date(Date.now() + 300_000) }));
}

const server = createServer(async (req, res) => {
  try {
    if (req.url === '/altcha.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(widgetJs);
    } else if (req.url === '/challenge') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(await challengeJson());
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    }
  } catch (e) {
    res.writeHead(502).end(String(e));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const userDataDir = await mkdtemp(join(tmpdir(), 'widget-solve-time-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${userDataDir}`],
});

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(0);
  return `mean ${mean.toFixed(0)}, median ${at(0.5)}, p90 ${at(0.9)}, min ${sorted[0].toFixed(0)}, max ${at(1)}`;
}

async function accepted(payload) {
  if (!broker) return verifySolution(payload, hmacKey);
  const response = await fetch(`${broker}/anon-session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ altcha: payload }),
  });
  return response.status === 200;
}

try {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.evaluate(() => customElements.whenDefined('altcha-widget'));
  await tab.evaluate(() => window.solveOnce());
  const waits = [];
  const solves = [];
  let ok = 0;
  for (let i = 0; i < runs; i++) {
    const { ms, payload } = await tab.evaluate(() => window.solveOnce());
    waits.push(ms);
    solves.push(JSON.parse(Buffer.from(payload, 'base64').toString()).took);
    if (await accepted(payload)) ok++;
  }
  const cores = await tab.evaluate(() => navigator.hardwareConcurrency);
  console.log(`chromium ${await browser.version()}, navigator.hardwareConcurrency=${cores}, challenges from ${broker ?? `altcha-lib (max-number ${maxNumber})`}, ${runs} challenges after 1 warm-up`);
  console.log(`visitor's wait ms (verifying to verified, minDuration 500 included): ${summary(waits)}`);
  console.log(`widget's solve ms (payload took): ${summary(solves)}`);
  console.log(`payloads ${broker ? 'minted by the broker' : 'verified by altcha-lib'}: ${ok}/${runs}`);
} finally {
  await browser.close();
  server.close();
  await rm(userDataDir, { recursive: true, force: true });
}
