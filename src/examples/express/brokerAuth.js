// Express middleware that verifies anon-broker tokens (RFC 9068 JWT access tokens) offline against the broker's JWKS.
import { createRemoteJWKSet, jwtVerify } from "jose";
import { DPOP_ALGORITHMS, InvalidProof, UsedProofs, verifyProof } from "./dpopProof.js";

// RFC 9068 section 2.2: the claims every JWT access token carries.
const REQUIRED_CLAIMS = ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"];
const REALM = "api";
// RFC 9110 section 9.2.1; any other method with the token in a cookie must come from an allowed Origin.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Returns middleware that accepts a broker token and puts the verified claims on `req.brokerToken`; anything else
 * gets 401 with a `WWW-Authenticate` challenge (RFC 6750 section 3, RFC 9449 section 7.1), or 403 for a cross-site
 * request that carries the token in a cookie.
 *
 * - `Authorization: Bearer <token>` for a bearer token;
 * - `Authorization: DPoP <token>` with one `DPoP` proof for a token bound to the browser's key (`cnf.jkt`, RFC 9449):
 *   `htu` must be `backendUrl` followed by the request's path. Without `backendUrl`, bound tokens are refused;
 *   a bound token sent as `Bearer`, or a bearer token sent as `DPoP`, is refused;
 * - with `cookieName`, the cookie of that name when there is no `Authorization` header. Such a request with a
 *   method other than GET, HEAD and OPTIONS must come with an `Origin` listed in `allowedOrigins` (CSRF), and a
 *   bound token never comes in a cookie.
 *
 * The key set is fetched once and cached (`cacheMaxAge`, jose's default 10 minutes); a token naming an unknown `kid`
 * makes it fetch again, at most once per `cooldownDuration` (jose's default 30 seconds).
 */
export function brokerAuth({
  issuer,
  audience = "backend",
  algorithms = ["ES256"],
  jwksUrl,
  clockTolerance = 30,
  cacheMaxAge,
  cooldownDuration,
  backendUrl,
  dpopMaxAge = 60,
  dpopClockSkew = 5,
  cookieName,
  allowedOrigins = [],
  logger = console,
}) {
  if (!issuer) throw new Error("brokerAuth: issuer is required, e.g. https://broker.example.com");
  if (algorithms.length === 0 || algorithms.some((alg) => alg.startsWith("HS") || alg === "none")) {
    throw new Error("brokerAuth: algorithms must list asymmetric algorithms only (ES256, RS256, EdDSA)");
  }
  const keysUrl = new URL(jwksUrl ?? `${issuer.replace(/\/+$/, "")}/.well-known/jwks.json`);
  const jwks = createRemoteJWKSet(keysUrl, { cacheMaxAge, cooldownDuration });
  const options = { issuer, audience, algorithms, typ: "at+jwt", clockTolerance, requiredClaims: REQUIRED_CLAIMS };
  const publicBase = backendUrl ? new URL(backendUrl).href.replace(/\/+$/, "") : null;
  const dpop = { usedProofs: new UsedProofs(), maxAge: dpopMaxAge, clockSkew: dpopClockSkew };
  const origins = new Set(allowedOrigins.map((origin) => origin.replace(/\/+$/, "")));

  return async function verifyBrokerToken(req, res, next) {
    const presented = presentedToken(req, cookieName);
    if (presented.refusal) return challenge(res, "Bearer", presented.refusal, presented.error);
    if (presented.from === "cookie" && !SAFE_METHODS.has(req.method) && !origins.has(req.get("origin"))) {
      return res.status(403).json({ error: "origin_not_allowed",
        error_description: "a request with the broker cookie and this method needs an allowed Origin" });
    }
    let claims;
    try {
      claims = (await jwtVerify(presented.token, jwks, options)).payload;
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === "jwks-unavailable") logger.warn(`broker JWKS at ${keysUrl} could not be fetched: ${error.message}`);
      const scheme = presented.from === "dpop" ? "DPoP" : "Bearer";
      return challenge(res, scheme, `Broker token refused (${reason})`, "invalid_token");
    }
    if (claims.cnf === undefined) {
      if (presented.from !== "dpop") return accept(req, claims, next);
      return challenge(res, "DPoP", "Broker token refused (not-dpop-bound): send it as Bearer", "invalid_token");
    }
    if (presented.from !== "dpop" || typeof claims.cnf?.jkt !== "string") {
      return challenge(res, "DPoP", "Broker token refused (dpop-bound): send it as 'Authorization: DPoP <token>' "
        + "with a DPoP proof", "invalid_token");
    }
    if (!publicBase) {
      logger.warn("a DPoP-bound broker token was refused: brokerAuth has no backendUrl to check the proof's htu");
      return challenge(res, "DPoP", "Broker token refused (dpop-not-configured)", "invalid_token");
    }
    // A compact JWS has no comma: one in the header means several proofs folded into one line (RFC 9110 5.3).
    const proofs = (req.headersDistinct.dpop ?? []).flatMap((line) => line.split(","));
    try {
      if (proofs.length === 0) throw new InvalidProof("dpop-proof-missing", "a DPoP proof header is needed");
      if (proofs.length > 1) throw new InvalidProof("dpop-proof-multiple", "exactly one DPoP proof is allowed");
      await verifyProof({ proof: proofs[0], token: presented.token, keyThumbprint: claims.cnf.jkt,
        method: req.method, url: publicBase + req.originalUrl, ...dpop });
    } catch (error) {
      if (!(error instanceof InvalidProof)) throw error;
      return challenge(res, "DPoP", `DPoP proof refused (${error.reason}): ${error.message}`, "invalid_dpop_proof");
    }
    return accept(req, claims, next);
  };
}

function accept(req, claims, next) {
  req.brokerToken = claims;
  return next();
}

/** The request's token and where it came from (`bearer`, `dpop`, `cookie`), or why there is none. */
function presentedToken(req, cookieName) {
  const header = req.get("authorization");
  if (header) {
    const match = /^(Bearer|DPoP) +([^ ]+) *$/i.exec(header);
    if (!match) {
      return { refusal: "Authorization header must be 'Bearer <token>' or 'DPoP <token>'", error: "invalid_request" };
    }
    return { from: match[1].toLowerCase() === "dpop" ? "dpop" : "bearer", token: match[2] };
  }
  const cookies = cookieName ? cookieValues(req.get("cookie"), cookieName) : [];
  if (cookies.length > 1) return { refusal: `more than one ${cookieName} cookie`, error: "invalid_request" };
  if (cookies.length === 1) return { from: "cookie", token: cookies[0] };
  return { refusal: "a broker token is required" };
}

/** The values of every cookie called `name` in a `Cookie` header (RFC 6265 section 5.4). */
function cookieValues(header, name) {
  if (!header) return [];
  return header.split(";").map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1).replace(/^"(.*)"$/, "$1"));
}

function challenge(res, scheme, description, error) {
  const params = [`realm="${REALM}"`];
  if (error) params.push(`error="${error}"`);
  if (scheme === "DPoP") params.push(`algs="${DPOP_ALGORITHMS}"`);
  res.set("WWW-Authenticate", `${scheme} ${params.join(", ")}`);
  return res.status(401).json({ error: error ?? "unauthorized", error_description: description });
}

// A short stable word for why jose refused the token; jose's own messages are not written for callers.
function reasonOf(error) {
  switch (error.code) {
    case "ERR_JWT_EXPIRED":
      return "expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return { aud: "audience", iss: "issuer", typ: "typ", nbf: "not-yet-valid" }[error.claim] ?? "claims";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "signature";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
    case "ERR_JOSE_NOT_SUPPORTED":
      return "algorithm";
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return "unknown-key";
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return "malformed";
    case "ERR_JWKS_TIMEOUT":
    case "ERR_JWKS_INVALID":
    case undefined:
      return "jwks-unavailable";
    default:
      return "invalid";
  }
}
