// Static test pages on an origin of their own: 127.0.0.1 and localhost, or two ports, are different origins.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";

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
    this.server = createServer(async (req, res) => {
      const route = this.routes.get(new URL(req.url, "http://pages.invalid").pathname);
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

  async stop() {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
}
