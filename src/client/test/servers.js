// Local HTTP servers that record what reaches them (a backend, a foreign origin), and a fetch that records what the
// client sends anywhere.
import { createServer } from "node:http";
import { setTimeout as delay } from "node:timers/promises";

/** An HTTP server on 127.0.0.1 recording each request; `respond(request, body)` may answer differently. */
export async function recordingServer(respond = () => undefined) {
  const requests = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const recorded = { method: req.method, url: req.url, headers: req.headers, body };
      requests.push(recorded);
      const answer = respond(recorded) ?? { status: 200, body: { ok: true, path: req.url } };
      res.writeHead(answer.status, { "Content-Type": "application/json", ...(answer.headers ?? {}) });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A fetch that records every request (method, URL, headers, credentials mode) before sending it. */
export function recordingFetch(log = []) {
  const fetchAndRecord = async (input, init) => {
    const request = new Request(input, init);
    log.push({
      method: request.method,
      url: new URL(request.url),
      headers: Object.fromEntries(request.headers),
      credentials: request.credentials,
      body: request.method === "GET" ? "" : await request.clone().text(),
    });
    const response = await fetch(request);
    Object.assign(log[log.length - 1], { status: response.status, retryAfter: response.headers.get("Retry-After") });
    return response;
  };
  fetchAndRecord.log = log;
  return fetchAndRecord;
}

/** Polls `check` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually(check, timeoutMs = 15_000, what = "condition") {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(100); // polling interval; the deadline bounds the wait
  }
}

/** The claims of a JWT, without verifying it (the tests verify with the broker or jose where it matters). */
export function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}
