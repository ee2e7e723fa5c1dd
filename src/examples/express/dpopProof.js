// RFC 9449 section 7: the proof that must come with a DPoP-bound broker token (one whose claims carry cnf.jkt).
import { createHash, timingSafeEqual } from "node:crypto";
import { EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader, jwtVerify } from "jose";

// An explicit allow-list, never taken from the proof: the browser client signs with a WebCrypto P-256 key.
const PROOF_ALGORITHMS = ["ES256"];
export const DPOP_ALGORITHMS = PROOF_ALGORITHMS.join(" ");
const MAX_PROOF_LENGTH = 8192;

/** A proof was refused; `reason` is a short stable word for the 401's description. */
export class InvalidProof extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

/**
 * The `jti` of each accepted proof until its `iat` window has passed, so that a proof is accepted once (per backend
 * process: with several replicas, use a shared store such as Redis `SET NX EX`). Bounded: when full of live
 * entries, new proofs are refused rather than old ones forgotten.
 */
export class UsedProofs {
  constructor(capacity = 100_000, now = Date.now) {
    this.capacity = capacity;
    this.now = now;
    this.forgettableAt = new Map();
  }

  /** True the first time `id` is seen (it is then remembered until `untilMs`); false for a replay or when full. */
  firstUse(id, untilMs) {
    if (this.forgettableAt.size >= this.capacity) {
      const now = this.now();
      for (const [seen, until] of this.forgettableAt) if (until < now) this.forgettableAt.delete(seen);
      if (this.forgettableAt.size >= this.capacity) return false;
    }
    if (this.forgettableAt.has(id)) return false;
    this.forgettableAt.set(id, untilMs);
    return true;
  }
}

/**
 * Checks `proof` (the request's one `DPoP` header) for `token` bound to the key with thumbprint `keyThumbprint`:
 * `typ: dpop+jwt`, ES256, a public `jwk` with that thumbprint which verifies the signature, `htm` = `method`,
 * `htu` = `url` (query and fragment ignored), `iat` at most `maxAge` seconds old and `clockSkew` ahead,
 * `ath` = base64url(SHA-256(token)), and a `jti` not used before. Throws `InvalidProof` saying why not.
 */
export async function verifyProof({ proof, token, keyThumbprint, method, url, usedProofs, maxAge, clockSkew }) {
  if (typeof proof !== "string" || proof.length > MAX_PROOF_LENGTH) {
    throw new InvalidProof("dpop-proof-malformed", "the DPoP proof is missing or too long");
  }
  let header;
  let claims;
  try {
    header = decodeProtectedHeader(proof);
    ({ payload: claims } = await jwtVerify(proof, EmbeddedJWK, { algorithms: PROOF_ALGORITHMS, typ: "dpop+jwt" }));
  } catch (error) {
    throw new InvalidProof("dpop-proof-signature", `the DPoP proof does not verify (${error.code ?? "malformed"})`);
  }
  if (!sameText(await calculateJwkThumbprint(header.jwk, "sha256"), keyThumbprint)) {
    throw new InvalidProof("dpop-key", "the DPoP proof is signed by another key than the token is bound to");
  }
  if (claims.htm !== method) throw new InvalidProof("dpop-htm", "the DPoP proof is for another HTTP method");
  const expectedUrl = normalisedUrl(url);
  if (!expectedUrl || typeof claims.htu !== "string" || normalisedUrl(claims.htu) !== expectedUrl) {
    throw new InvalidProof("dpop-htu", "the DPoP proof is for another URL");
  }
  if (!sameText(accessTokenHash(token), claims.ath)) {
    throw new InvalidProof("dpop-ath", "the DPoP proof is for another access token");
  }
  const nowSeconds = Date.now() / 1000;
  if (typeof claims.iat !== "number" || claims.iat < nowSeconds - maxAge || claims.iat > nowSeconds + clockSkew) {
    throw new InvalidProof("dpop-iat", "the DPoP proof is too old or from the future");
  }
  if (typeof claims.jti !== "string" || claims.jti.length === 0
      || !usedProofs.firstUse(`${keyThumbprint} ${claims.jti}`, (claims.iat + maxAge) * 1000)) {
    throw new InvalidProof("dpop-replay", "the DPoP proof was used before");
  }
}

/** base64url(SHA-256(token)), RFC 9449 section 4.2. */
export function accessTokenHash(token) {
  return createHash("sha256").update(token, "ascii").digest("base64url");
}

/** Scheme, host and port (lower case, default port dropped) and path; query and fragment left out. */
function normalisedUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return null;
  }
}

function sameText(expected, actual) {
  if (typeof actual !== "string") return false;
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(actual, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
