// A local stand-in for Netlify's edge, which cannot run here: it serves a site's published files and applies the
// site's own netlify.toml proxy rules (status 200 rewrites to external URLs), as Netlify does for a deployed site.
// On a rule with `signed = "NAME"` it adds `x-nf-sign`, a JWS (HS256, keyed with the value of the environment
// variable NAME) with the claims Netlify signs: iss "netlify", exp five minutes out, iat, netlify_id, site_url,
// deploy_context. On every proxied request it sets `x-nf-client-connection-ip` to the visitor's address, and drops
// any x-nf-* header the visitor sent, as Netlify does. It records each proxied request, so a test can count mints.
import { createHmac, randomUUID } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { parseToml } from "./toml.js";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".ico": "image/x-icon", ".txt": "text/plain; charset=utf-8",
};
// RFC 9110 section 7.6.1: not forwarded by a proxy.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
  "upgrade", "proxy-authorization", "proxy-authenticate"]);
const SIGNATURE_LIFETIME_S = 300;

/**
 * `siteDir`: the directory holding netlify.toml. `env`: the site's environment variables (the signing secrets).
 * `upstreams`: where each external origin named in the rules really is, e.g.
 * `{ "https://broker.example.com": "http://127.0.0.1:8080" }` (the shipped file names placeholder hosts).
 * `siteUrl` (the signature's site_url): the site's main URL, by default the stand-in's own.
 */
export class NetlifyEdge {
  static async start(options) {
    const edge = new NetlifyEdge(options);
    await new Promise((done) => edge.server.listen(options.port ?? 0, "127.0.0.1", done));
    edge.url = `http://${options.hostname ?? "127.0.0.1"}:${edge.server.address().port}`;
    edge.siteUrl = options.siteUrl ?? edge.url;
    return edge;
  }

  constructor({ siteDir, env = {}, upstreams = {}, siteId = randomUUID(), deployContext = "production" }) {
    const config = parseToml(readFileSync(join(siteDir, "netlify.toml"), "utf8"));
    this.publishDir = resolve(siteDir, config.build?.publish ?? ".");
    this.rules = (config.redirects ?? []).map((rule) => compileRule(rule, upstreams, env));
    this.siteId = siteId;
    this.deployContext = deployContext;
    /** Every proxied request: `{ method, path, upstream, signed, cookies (names only), authorization (whether sent), status }`, in order. */
    this.proxied = [];
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }

  handle(req, res) {
    const url = new URL(req.url, "http://edge.invalid");
    const staticFile = this.staticFile(url.pathname);
    for (const rule of this.rules) {
      const splat = rule.match(url.pathname);
      if (splat === null || (staticFile && !rule.force)) continue;
      return this.proxy(req, res, rule, splat, url.search);
    }
    if (staticFile) return serveFile(res, staticFile);
    res.writeHead(404, { "content-type": "text/plain" }).end("Not Found\n");
  }

  proxy(req, res, rule, splat, search) {
    const target = new URL(rule.to.replace(":splat", splat) + search);
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && !name.startsWith("x-nf-")) headers[name] = value;
    }
    headers.host = target.host;
    headers["x-nf-client-connection-ip"] = req.socket.remoteAddress.replace(/^::ffff:/, "");
    headers["x-nf-request-id"] = randomUUID();
    if (rule.secret) headers["x-nf-sign"] = this.sign(rule.secret);
    const record = {
      method: req.method, path: req.url, upstream: target.pathname, signed: Boolean(rule.secret),
      cookies: cookieNames(req.headers.cookie), authorization: req.headers.authorization !== undefined,
    };
    this.proxied.push(record);
    const upstream = httpRequest(target, { method: req.method, headers }, (answer) => {
      record.status = answer.statusCode;
      const back = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
      res.writeHead(answer.statusCode, back);
      answer.pipe(res);
    });
    upstream.on("error", () => res.headersSent ? res.destroy() : res.writeHead(502).end("Bad Gateway\n"));
    req.pipe(upstream);
  }

  /** Netlify's signature: a compact JWS, HS256 keyed with the secret's UTF-8 bytes. */
  sign(secret) {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      netlify_id: this.siteId, site_url: this.siteUrl, deploy_context: this.deployContext,
      iat: now, exp: now + SIGNATURE_LIFETIME_S, iss: "netlify",
    };
    const encode = (part) => Buffer.from(JSON.stringify(part)).toString("base64url");
    const input = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
    return `${input}.${createHmac("sha256", Buffer.from(secret, "utf8")).update(input).digest("base64url")}`;
  }

  staticFile(pathname) {
    let path;
    try {
      path = normalize(join(this.publishDir, decodeURIComponent(pathname)));
    } catch {
      return null;
    }
    if (path !== this.publishDir && !path.startsWith(this.publishDir + sep)) return null;
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
    return existsSync(path) && statSync(path).isFile() ? path : null;
  }
}

function compileRule(rule, upstreams, env) {
  if (rule.status !== 200) throw new Error(`rule ${rule.from}: only status 200 (proxy) rules are emulated`);
  const target = new URL(rule.to);
  const local = upstreams[target.origin];
  if (!local) throw new Error(`rule ${rule.from}: no upstream given for ${target.origin}`);
  let secret = null;
  if (rule.signed !== undefined) {
    secret = env[rule.signed];
    if (!secret) throw new Error(`rule ${rule.from}: environment variable ${rule.signed} is not set`);
  }
  const to = local.replace(/\/$/, "") + rule.to.slice(target.origin.length);
  const from = rule.from;
  const match = from.endsWith("/*")
    ? (path) => (path.startsWith(from.slice(0, -1)) ? path.slice(from.length - 1) : null)
    : (path) => (path === from ? "" : null);
  return { from, to, match, force: rule.force === true, secret };
}

function serveFile(res, path) {
  res.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
    "cache-control": "public, max-age=0, must-revalidate",
  });
  createReadStream(path).pipe(res);
}

function cookieNames(header) {
  return header ? header.split(";").map((pair) => pair.split("=")[0].trim()).filter(Boolean) : [];
}
