// Static test pages on an origin of their own: 127.0.0.1 and localhost, or two ports, are different origins. A
// page server may also pass a path prefix on to a backend, as a site's own reverse proxy would, so that pages call
// their API on their own origin (the kits answer no CORS).
import { readFile } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";

const TYPES = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8" };

export class PageServer {
  static async start(hostname = "127.0.0.1") {
    const pages = new PageServer(hostname);
    await new Promise((done) => pages.server.listen(0, "127.0.0.1", done));
    pages.origin = `http://${hostname}:${pages.server.address().port}`;
    return pages;
  }

  constructor() {
    this.routes = new Map();
    this.forwards = [];
    /** Every request to this origin: `{ method, path, headers }`. */
    this.requests = [];
    this.server = createServer(async (req, res) => {
      this.requests.push({ method: req.method, path: req.url, headers: req.headers });
      const pathname = new URL(req.url, "http://pages.invalid").pathname;
      const forward = this.forwards.find(({ prefix }) => pathname.startsWith(prefix));
      if (forward) return passOn(req, res, forward.target);
      const route = this.routes.get(pathname);
      if (!route) return res.writeHead(404).end();
      const body = route.file ? await readFile(route.file) : route.body;
      res.writeHead(200, { "content-type": TYPES[route.type], "cache-control": "no-store" }).end(body);
    });
  }

  /** Serves `body` at `path`; returns the page's absolute URL. */
  html(path, body) {
    this.routes.set(path, { type: "html", body });
    return this.origin + path;
  }

  /** Serves the file at `file` as JavaScript at `path`. */
  script(path, file) {
    this.routes.set(path, { type: "js", file });
    return this.origin + path;
  }

  /** Passes requests whose path starts with `prefix` on to `target` (an origin), path and headers as they are. */
  forward(prefix, target) {
    this.forwards.push({ prefix, target });
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
}

function passOn(req, res, target) {
  const url = new URL(req.url, target);
  const upstream = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", () => res.headersSent ? res.destroy() : res.writeHead(502).end());
  req.pipe(upstream);
}
