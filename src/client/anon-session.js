// anon-broker's browser client: one import, one call. Tokens live in this module's memory only.

/** The broker refused (problem+json in `problem`), or could not be reached in time. */
export class AnonSessionError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.name = "AnonSessionError";
    this.status = status;
    this.problem = problem;
  }
}

// Replaced by build.mjs with the name the broker serves the worker under.
const WORKER_FILE = "pow-worker.js";
const MAX_RETRIES = 2;

const encoder = new TextEncoder();
const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const base64urlJson = (value) => base64url(encoder.encode(JSON.stringify(value)));
const sha256 = (text) => crypto.subtle.digest("SHA-256", encoder.encode(text));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const withoutQuery = (url) => url.origin + url.pathname;

/** ALTCHA v1: the number whose SHA-256(salt + number) is the challenge. The same search as pow-worker.js. */
export async function solveChallenge(challenge) {
  const started = Date.now();
  for (let number = 0; number <= challenge.maxnumber; number++) {
    const hex = [...new Uint8Array(await sha256(challenge.salt + number))]
      .map((b) => b.toString(16).padStart(2, "0")).join("");
    if (hex === challenge.challenge) {
      return { number, took: Date.now() - started };
    }
  }
  throw new AnonSessionError("The proof-of-work challenge has no solution", 0);
}

/** Milliseconds a 429 or 503 asks to wait, or undefined when it says nothing usable. */
function retryDelay(response) {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const value = response.headers.get("Retry-After");
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

class AnonSession extends EventTarget {
  #options;
  #broker;
  #backends;
  #fetch;
  #state;        // { access, type, expiresAt, refresh, lifetime, key }
  #pending;      // the one mint or refresh in flight, shared by every caller
  #requirements;

  constructor(options = {}) {
    super();
    this.#options = options;
    const page = globalThis.location?.href;
    const broker = options.broker === undefined ? new URL(".", import.meta.url).href : String(options.broker);
    this.#broker = new URL(broker.endsWith("/") ? broker : broker + "/", page ?? import.meta.url);
    this.#backends = new Set((options.backends ?? []).map((origin) => new URL(origin).origin));
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  /** The current access token, minting or refreshing first when needed. Null in cookie mode. */
  async token() {
    const state = await this.#live();
    return state.access ?? null;
  }

  /** `fetch`, with the session's credentials on requests to the configured backends only. */
  async fetch(input, init) {
    const request = new Request(input, init);
    if (!this.#backends.has(new URL(request.url).origin)) {
      return this.#fetch(request);
    }
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const state = await this.#live();
      const response = await this.#fetch(await this.#authorize(request.clone(), state));
      if (response.status === 401 && !renewed) {
        renewed = true;
        response.body?.cancel();
        if (this.#state === state) this.#state = { ...state, expiresAt: 0 };
        continue;
      }
      const wait = retryDelay(response);
      if (wait === undefined || wait > this.#maxWait() || attempt >= MAX_RETRIES) return response;
      response.body?.cancel();
      await sleep(wait);
    }
  }

  /** Ends the session at the broker (revokes it, or clears the cookies) and forgets it here. */
  async end() {
    const pending = this.#pending;
    if (pending) await pending.catch(() => {});
    const state = this.#state;
    this.#state = undefined;
    if (this.#options.cookie) {
      // Also without a state here: the cookies may stem from before a reload, and ending twice is no error.
      const response = await this.#post("anon-session/end", {}, "same-origin");
      if (!response.ok) throw await this.#refusal(response);
      return;
    }
    if (!state || state.expiresAt <= Date.now()) return; // an expired token cannot prove it holds the session
    const response = await this.#fetch(new URL("revoke", this.#broker), {
      method: "POST",
      credentials: "omit",
      headers: { Authorization: "Bearer " + state.access, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: state.access }),
    });
    if (!response.ok) throw await this.#refusal(response);
  }

  #maxWait() {
    return this.#options.maxRetryWait ?? 10_000;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** A state whose token is still good for a while: the current one, else one refresh or mint shared by all. */
  #live() {
    const state = this.#state;
    if (state && Date.now() < state.expiresAt - Math.min(this.#options.refreshMargin ?? 60_000, state.lifetime / 4)) {
      return Promise.resolve(state);
    }
    this.#pending ??= (state ? this.#refresh(state) : this.#mint()).then((next) => {
      this.#state = next;
      return next;
    }).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #mint() {
    this.#emit("minting");
    const key = this.#options.dpop ? await crypto.subtle.generateKey(
      { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]) : undefined;
    const next = await this.#tokenCall("anon-session", () => this.#mintBody(), key);
    this.#emit("ready", next.info);
    return next;
  }

  async #refresh(state) {
    const next = await this.#tokenCall("anon-session/refresh",
      async () => (this.#options.cookie ? {} : { refresh_token: state.refresh }), state.key, true);
    // Undefined: the session ended (its age, a revocation, a spent refresh token), so a new one starts.
    if (!next) return this.#mint();
    this.#emit("refreshed", next.info);
    return next;
  }

  async #mintBody() {
    const requirements = await this.#loadRequirements();
    const body = {};
    if (this.#options.audience) body.audience = this.#options.audience;
    const captcha = requirements.body.captcha;
    if (captcha && !this.#options.captcha) {
      throw new AnonSessionError("The broker asks for a captcha and no captcha callback is configured", 0);
    }
    const pow = requirements.body.proof_of_work;
    if (pow) {
      const challengeUrl = new URL(pow.challenge_url, requirements.url);
      const challenge = await this.#json(await this.#fetch(challengeUrl, this.#brokerInit()));
      const { number, took } = await this.#solve(challenge);
      const { algorithm, salt, signature } = challenge;
      body[pow.field] = btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature, took }));
    }
    // After the proof of work: a captcha token is valid for minutes only.
    if (captcha) body[captcha.field] = await this.#options.captcha(captcha);
    return body;
  }

  #loadRequirements() {
    const url = new URL("anon-session/requirements", this.#broker);
    this.#requirements ??= this.#fetch(url, this.#brokerInit()).then(this.#json.bind(this))
      .then((body) => ({ url, body }));
    this.#requirements.catch(() => {
      this.#requirements = undefined;
    });
    return this.#requirements;
  }

  /** In a Web Worker (loaded from next to this module, through a Blob when cross-origin), else inline. */
  async #solve(challenge) {
    if (typeof Worker === "undefined" || this.#options.powWorker === false) {
      return solveChallenge(challenge);
    }
    const url = new URL(this.#options.powWorker ?? WORKER_FILE, import.meta.url);
    let source = url.href;
    if (url.origin !== globalThis.location?.origin) {
      const response = await this.#fetch(url, { credentials: "omit" });
      if (!response.ok) throw new AnonSessionError("The proof-of-work worker could not be loaded", response.status);
      source = URL.createObjectURL(new Blob([await response.text()], { type: "text/javascript" }));
    }
    const worker = new Worker(source);
    try {
      return await new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => (data.error ? reject(new AnonSessionError(data.error, 0)) : resolve(data));
        worker.onerror = () => reject(new AnonSessionError("The proof-of-work worker failed", 0));
        worker.postMessage(challenge);
      });
    } finally {
      worker.terminate();
      if (source !== url.href) URL.revokeObjectURL(source);
    }
  }

  /** POST to a token endpoint (retrying on Retry-After) and read the session's next state. */
  async #tokenCall(path, makeBody, key, endedIsUndefined) {
    const credentials = this.#options.cookie ? "same-origin" : "omit";
    for (let attempt = 0; ; attempt++) {
      const response = await this.#post(path, await makeBody(), credentials, key);
      const wait = retryDelay(response);
      if (response.status === 401 && endedIsUndefined) return undefined;
      if (response.ok || wait === undefined || wait > this.#maxWait() || attempt >= MAX_RETRIES) {
        const body = await this.#json(response);
        const lifetime = body.expires_in * 1000;
        return {
          access: body.access_token,
          type: body.token_type,
          refresh: body.refresh_token,
          expiresAt: Date.now() + lifetime,
          lifetime,
          key,
          info: { session_id: body.session_id, expires_in: body.expires_in, token_type: body.token_type },
        };
      }
      response.body?.cancel();
      await sleep(wait);
    }
  }

  async #post(path, body, credentials, key) {
    const url = new URL(path, this.#broker);
    const headers = { "Content-Type": "application/json" };
    if (key) headers.DPoP = await proof(key, "POST", url);
    return this.#fetch(url, { method: "POST", credentials, headers, body: JSON.stringify(body) });
  }

  #brokerInit() {
    return { credentials: this.#options.cookie ? "same-origin" : "omit" };
  }

  async #json(response) {
    if (!response.ok) throw await this.#refusal(response);
    return response.json();
  }

  /** The broker's problem+json as an error, announced to the UI as `refused`. */
  async #refusal(response) {
    let problem;
    try {
      problem = await response.json();
    } catch {
      problem = { status: response.status };
    }
    this.#emit("refused", problem);
    return new AnonSessionError(problem.detail ?? problem.title ?? "The broker refused: " + response.status,
      response.status, problem);
  }

  async #authorize(request, state) {
    if (this.#options.cookie) {
      return new Request(request, { credentials: "same-origin" });
    }
    const headers = new Headers(request.headers);
    if (state.type === "DPoP" && state.key) {
      headers.set("Authorization", "DPoP " + state.access);
      headers.set("DPoP", await proof(state.key, request.method, new URL(request.url), state.access));
    } else {
      headers.set("Authorization", "Bearer " + state.access);
    }
    return new Request(request, { headers });
  }
}

/** A DPoP proof (RFC 9449 section 4.2) by `key` for one request; with `ath` when it carries an access token. */
async function proof(key, method, url, accessToken) {
  const { kty, crv, x, y } = await crypto.subtle.exportKey("jwk", key.publicKey);
  const claims = { jti: base64url(crypto.getRandomValues(new Uint8Array(16))), htm: method, htu: withoutQuery(url),
    iat: Math.floor(Date.now() / 1000) };
  if (accessToken) claims.ath = base64url(await sha256(accessToken));
  const input = base64urlJson({ typ: "dpop+jwt", alg: "ES256", jwk: { kty, crv, x, y } }) + "." + base64urlJson(claims);
  const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key.privateKey, encoder.encode(input));
  return input + "." + base64url(signature);
}

/** An anonymous session with the broker; it mints lazily, on the first `fetch` or `token()`. */
export function createAnonSession(options) {
  return new AnonSession(options);
}
