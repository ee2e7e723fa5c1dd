package dev.anonbroker.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * DPoP proofs (RFC 9449 section 4.2) as a client makes them, with a fresh P-256 key per instance, and proofs a client
 * should not make (each field can be changed). The compact JWS is assembled here, not by Nimbus's builder, so that a
 * header Nimbus would refuse to build (a private {@code jwk}) can be sent too.
 */
public final class DpopProofs {

    private final ECKey key;

    public DpopProofs() {
        try {
            this.key = new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638 SHA-256 thumbprint of the public key, base64url. */
    public String thumbprint() {
        try {
            return key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid proof for {@code POST url}, issued now. */
    public String proof(URI url) {
        return builder("POST", url.toString()).build();
    }

    public Builder builder(String method, String url) {
        return new Builder(method, url);
    }

    /** One proof; defaults are those of a valid proof. */
    public final class Builder {

        private final ObjectNode header = BrokerHarness.JSON.createObjectNode();
        private final ObjectNode claims = BrokerHarness.JSON.createObjectNode();
        private JWSSigner signer;
        private JWSAlgorithm algorithm = JWSAlgorithm.ES256;

        private Builder(String method, String url) {
            header.put("typ", "dpop+jwt").put("alg", "ES256");
            header.set("jwk", BrokerHarness.JSON.valueToTree(key.toPublicJWK().toJSONObject()));
            claims.put("jti", UUID.randomUUID().toString()).put("htm", method).put("htu", url)
                    .put("iat", Instant.now().getEpochSecond());
            try {
                signer = new ECDSASigner(key);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        public Builder header(String name, String value) {
            header.put(name, value);
            return this;
        }

        public Builder claim(String name, String value) {
            claims.put(name, value);
            return this;
        }

        public Builder jti(String jti) {
            return claim("jti", jti);
        }

        public Builder iat(Instant issuedAt) {
            claims.put("iat", issuedAt.getEpochSecond());
            return this;
        }

        /** Puts the whole key, private part {@code d} included, in the header. */
        public Builder privateJwk() {
            header.set("jwk", BrokerHarness.JSON.valueToTree(key.toJSONObject()));
            return this;
        }

        /** Signs with {@code other} (of algorithm {@code alg}) while the header keeps naming this key. */
        public Builder signedBy(JWSSigner other, JWSAlgorithm alg) {
            this.signer = other;
            this.algorithm = alg;
            header.put("alg", alg.getName());
            return this;
        }

        public String build() {
            String signingInput = encode(header.toString()) + "." + encode(claims.toString());
            try {
                Base64URL signature = signer.sign(new JWSHeader(algorithm), signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + "." + signature;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code alg: none} and no signature. */
        public String buildUnsigned() {
            header.put("alg", "none");
            return encode(header.toString()) + "." + encode(claims.toString()) + ".";
        }
    }

    private static String encode(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
