// DPoP proofs (RFC 9449 section 4.2) as the browser client makes them, by one fresh P-256 key per instance.
import { createHash, randomUUID } from "node:crypto";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

export class TestProofs {
  static async create() {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    return new TestProofs(await exportJWK(publicKey), privateKey);
  }

  constructor(publicJwk, privateKey) {
    this.publicJwk = publicJwk;
    this.privateKey = privateKey;
  }

  /** A proof for `method url`, for `accessToken` (`ath`) unless undefined, issued `ageSeconds` ago. */
  proof(method, url, accessToken, { ageSeconds = 0 } = {}) {
    const claims = { jti: randomUUID(), htm: method, htu: url };
    if (accessToken !== undefined) claims.ath = createHash("sha256").update(accessToken).digest("base64url");
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: this.publicJwk })
      .setIssuedAt(Math.floor(Date.now() / 1000) - ageSeconds)
      .sign(this.privateKey);
  }
}
