// Express middleware that verifies anon-broker tokens (RFC 9068 JWT access tokens) offline against the broker's JWKS.
import { createRemoteJWKSet, jwtVerify } from "jose";

// RFC 9068 section 2.2: the claims every JWT access token carries.
const REQUIRED_CLAIMS = ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"];
const REALM = "api";

/**
 * Returns middleware that accepts `Authorization: Bearer <broker token>` and puts the verified claims on
 * `req.brokerToken`; anything else gets 401 with a `WWW-Authenticate: Bearer` challenge (RFC 6750 section 3).
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
  logger = console,
}) {
  if (!issuer) throw new Error("brokerAuth: issuer is required, e.g. https://broker.example.com");
  if (algorithms.length === 0 || algorithms.some((alg) => alg.startsWith("HS") || alg === "none")) {
    throw new Error("brokerAuth: algorithms must list asymmetric algorithms only (ES256, RS256, EdDSA)");
  }
  const keysUrl = new URL(jwksUrl ?? `${issuer.replace(/\/+$/, "")}/.well-known/jwks.json`);
  const jwks = createRemoteJWKSet(keysUrl, { cacheMaxAge, cooldownDuration });
  const options = { issuer, audience, algorithms, typ: "at+jwt", clockTolerance, requiredClaims: REQUIRED_CLAIMS };

  return async function verifyBrokerToken(req, res, next) {
    const header = req.get("authorization");
    if (!header) return challenge(res, "a broker token is required");
    const match = /^Bearer +([^ ]+) *$/i.exec(header);
    if (!match) return challenge(res, "Authorization header must be 'Bearer <token>'", "invalid_request");
    try {
      req.brokerToken = (await jwtVerify(match[1], jwks, options)).payload;
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === "jwks-unavailable") logger.warn(`broker JWKS at ${keysUrl} could not be fetched: ${error.message}`);
      return challenge(res, `Broker token refused (${reason})`, "invalid_token");
    }
    return next();
  };
}

function challenge(res, description, error) {
  const params = [`realm="${REALM}"`];
  if (error) params.push(`error="${error}"`);
  res.set("WWW-Authenticate", `Bearer ${params.join(", ")}`);
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
