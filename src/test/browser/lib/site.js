// The Netlify site example (src/examples/netlify-site) served by the Netlify stand-in, with the broker and the
// Express kit behind its proxy rules, configured as its README tells a real deploy to configure them.
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NetlifyEdge } from "./netlify-edge.js";
import { Broker, ExpressBackend, REPO_ROOT, freePort, randomSecret } from "./processes.js";

export const SITE_DIR = join(REPO_ROOT, "src", "examples", "netlify-site");

/**
 * A copy of the site with its token mode (the page's anon-broker-token-mode meta) set to `mode`, as a deployer sets
 * it for a broker with broker.cookie.enabled. Returns the copy's directory.
 */
export function siteCopyWithTokenMode(mode) {
  const dir = mkdtempSync(join(tmpdir(), "netlify-site-"));
  cpSync(SITE_DIR, dir, { recursive: true });
  const index = join(dir, "public", "index.html");
  const html = readFileSync(index, "utf8");
  const changed = html.replace('<meta name="anon-broker-token-mode" content="bearer">',
    `<meta name="anon-broker-token-mode" content="${mode}">`);
  if (changed === html) throw new Error("the site's index.html has no anon-broker-token-mode meta set to bearer");
  writeFileSync(index, changed);
  return dir;
}

/**
 * Starts broker, backend and the stand-in; `brokerSettings` and `backendEnv` (or a function of the site's URL
 * giving it) add to the recipe's settings.
 */
export async function startSite({ siteDir = SITE_DIR, brokerSettings = {}, backendEnv = {} } = {}) {
  const edgePort = await freePort();
  const siteUrl = `http://127.0.0.1:${edgePort}`;
  const siteId = randomUUID();
  const secret = randomSecret();
  const broker = await Broker.start({
    BROKER_ALLOWED_ORIGINS: siteUrl,
    BROKER_NETLIFY_SIGNED_PROXY_SECRET: secret,
    BROKER_NETLIFY_SITE_URL: siteUrl,
    BROKER_NETLIFY_SITE_ID: siteId,
    BROKER_CLIENT_IP_SOURCE: "netlify",
    BROKER_CLIENT_IP_TRUSTED_PROXIES: "127.0.0.1/32",
    BROKER_DPOP_PUBLIC_BASE_URLS: `${siteUrl}/api`,
    ...brokerSettings,
  });
  let backend;
  try {
    backend = await ExpressBackend.start(broker, typeof backendEnv === "function" ? backendEnv(siteUrl) : backendEnv);
    const edge = await NetlifyEdge.start({
      siteDir, port: edgePort, siteId, siteUrl,
      env: { API_SIGNATURE_TOKEN: secret },
      upstreams: { "https://broker.example.com": broker.url, "https://api.example.com": backend.url },
    });
    return {
      broker, backend, edge, url: siteUrl,
      /** Mint requests that went through the stand-in to the broker. */
      mintRequests: () => edge.proxied.filter((r) => r.method === "POST" && r.upstream === "/anon-session").length,
      async stop() {
        await Promise.all([edge.stop(), backend.stop(), broker.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([backend?.stop(), broker.stop()]);
    throw error;
  }
}
