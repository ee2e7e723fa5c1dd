/** Options of {@link createAnonSession}. */
export interface AnonSessionOptions {
  /** Origins (scheme://host[:port]) that get the session's credentials. Requests elsewhere are passed on untouched. */
  backends?: string[];
  /** The broker's base URL, absolute or relative to the page (e.g. "/api"). Default: where this module came from. */
  broker?: string | URL;
  /** One of the broker's audiences; default: the broker's first. */
  audience?: string;
  /** Bind tokens to a non-extractable WebCrypto ES256 key (DPoP, RFC 9449). */
  dpop?: boolean;
  /** The broker keeps the tokens in HttpOnly cookies; backends are called with credentials "same-origin". */
  cookie?: boolean;
  /** Called when the broker requires a captcha: resolves to the widget's token. */
  captcha?: (requirement: CaptchaRequirement) => Promise<string>;
  /** Longest Retry-After (milliseconds) to wait out on 429 or 503 before giving up. Default 10000. */
  maxRetryWait?: number;
  /** Refresh this many milliseconds before expiry (at most a quarter of the token's lifetime). Default 60000. */
  refreshMargin?: number;
  /** URL of the proof-of-work worker (relative to this module), or false to solve on the main thread. */
  powWorker?: string | URL | false;
  /** The fetch to use; default: globalThis.fetch. */
  fetch?: typeof fetch;
}

/** `GET /anon-session/requirements`'s captcha entry. */
export interface CaptchaRequirement {
  provider: "turnstile" | "hcaptcha" | string;
  site_key: string | null;
  field: string;
}

/** Detail of the `ready` and `refreshed` events. Never a token. */
export interface SessionInfo {
  session_id: string;
  expires_in: number;
  token_type: "Bearer" | "DPoP" | "cookie" | string;
}

/** An RFC 9457 problem, as the broker answers a refusal. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  [member: string]: unknown;
}

export interface AnonSessionEventMap {
  minting: CustomEvent<undefined>;
  ready: CustomEvent<SessionInfo>;
  refreshed: CustomEvent<SessionInfo>;
  refused: CustomEvent<Problem>;
}

export interface AnonSession extends EventTarget {
  /** `fetch`, with the session's credentials on requests to the backends only; mints on first use. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** The current access token (minting or refreshing first if needed); null in cookie mode. */
  token(): Promise<string | null>;
  /** Revokes the session at the broker (cookie mode: ends it and clears the cookies) and forgets it. */
  end(): Promise<void>;
  addEventListener<K extends keyof AnonSessionEventMap>(type: K,
    listener: (event: AnonSessionEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}

/** Thrown when the broker refuses (`problem` holds its problem+json) or a requirement cannot be met. */
export class AnonSessionError extends Error {
  readonly status: number;
  readonly problem?: Problem;
}

export function createAnonSession(options?: AnonSessionOptions): AnonSession;

/** Solves an ALTCHA v1 challenge on the calling thread. */
export function solveChallenge(challenge: {
  algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string;
}): Promise<{ number: number; took: number }>;
