// The Netlify site example (src/examples/netlify-site) served by the Netlify stand-in, with the broker and the
// Express kit behind its proxy rules, configured as its README tells a real deploy to configure them.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { NetlifyEdge } from "./netlify-edge.js";
import { Broker, ExpressBackend, REPO_ROOT, freePort, randomSecret } from "./processes.js";

export const SITE_DIR = join(REPO_ROOT, "src", "examples", "netlify-site");

/** Starts broker, backend and the stand-in; `brokerSettings` and `backendEnv` add to the recipe's settings. */
export async function startSite({ brokerSettings = {}, backendEnv = {} } = {}) {
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
    backend = await ExpressBackend.start(broker, backendEnv);
    const edge = await NetlifyEdge.start({
      siteDir: SITE_DIR, port: edgePort, siteId, siteUrl,
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
