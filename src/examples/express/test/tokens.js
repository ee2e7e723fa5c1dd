// Signing keys made in the test, and the tokens (good and bad) that the tests present.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { SignJWT, decodeProtectedHeader, exportJWK, exportSPKI, generateKeyPair } from "jose";

const b64 = (data) => Buffer.from(data).toString("base64url");

/** An ES256 (P-256) key pair with a random kid. */
export async function newKey(prefix = "key") {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  return { kid: `${prefix}-${randomBytes(4).toString("hex")}`, publicKey, privateKey };
}

/** The broker's `broker.signing.jwks`: the first key signs, all are published. */
export async function signingJwks(...keys) {
  return {
    keys: await Promise.all(keys.map(async (key) =>
      ({ ...(await exportJWK(key.privateKey)), kid: key.kid, alg: "ES256", use: "sig" }))),
  };
}

/** Claims as the broker writes them, valid for ten minutes from now, with `overrides` applied. */
export function claims(issuer, overrides = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer, aud: "backend", sub: randomUUID(), sid: randomUUID(), jti: randomUUID(),
    iat: now, nbf: now, exp: now + 600, auth_time: now, client_id: "anon-broker-frontend", ...overrides,
  };
}

/** An ES256 token signed with `key`; `header` overrides kid and typ. */
export function sign(key, payload, header = {}) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "at+jwt", ...header })
    .sign(key.privateKey);
}

/** `alg: none` (RFC 7519 section 6): header and payload, empty signature. */
export function unsigned(payload, kid) {
  return `${b64(JSON.stringify({ alg: "none", typ: "at+jwt", kid }))}.${b64(JSON.stringify(payload))}.`;
}

/** The algorithm-confusion attack: HMAC-SHA256 keyed with the published public key (PEM). */
export async function hs256WithPublicKey(key, payload) {
  const input = `${b64(JSON.stringify({ alg: "HS256", typ: "at+jwt", kid: key.kid }))}.${b64(JSON.stringify(payload))}`;
  const mac = createHmac("sha256", await exportSPKI(key.publicKey)).update(input).digest();
  return `${input}.${b64(mac)}`;
}

/** The broker's token with another `sub` in its payload and the original signature. */
export function tampered(token) {
  const [header, payload, signature] = token.split(".");
  const changed = { ...JSON.parse(Buffer.from(payload, "base64url")), sub: randomUUID() };
  return `${header}.${b64(JSON.stringify(changed))}.${signature}`;
}

export const headerOf = decodeProtectedHeader;
