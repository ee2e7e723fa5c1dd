package dev.anonbroker.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The broker's keys, validated: the one that signs, all that verify, and the public JWK set (RFC 7517) that is
 * published. {@link #toString()} never prints key material.
 *
 * @param signingKey       the first configured key, private, with its {@code kid}
 * @param signingAlgorithm the algorithm the signing key's type decides
 * @param signer           signs with {@code signingKey}
 * @param verificationKeys every configured key, each with a {@code kid}, in configured order
 * @param publishedKeys    the public parts of the asymmetric keys, with {@code alg} and {@code use: sig}
 * @param generated        whether the signing key was generated at start-up (development)
 */
public record SigningKeys(JWK signingKey, SigningAlgorithm signingAlgorithm, JWSSigner signer, List<JWK> verificationKeys,
                          JWKSet publishedKeys, boolean generated) {

    public SigningKeys {
        verificationKeys = List.copyOf(verificationKeys);
    }

    /** The algorithms of all configured keys, signing algorithm first: the verifier's allow-list. */
    public Set<JWSAlgorithm> algorithms() {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        algorithms.add(signingAlgorithm.jws());
        verificationKeys.forEach(key -> algorithms.add(SigningAlgorithm.forKey(key).jws()));
        return algorithms;
    }

    /** The keys with this {@code kid} whose type goes with {@code alg}; empty for an unknown kid or a wrong type. */
    public List<JWK> keysFor(JWSAlgorithm alg, String kid) {
        return verificationKeys.stream()
                .filter(key -> Objects.equals(key.getKeyID(), kid))
                .filter(key -> SigningAlgorithm.forKey(key).jws().equals(alg))
                .toList();
    }

    /**
     * Verifiers for the keys with this {@code kid} whose type goes with {@code alg}; empty for an unknown kid or a
     * wrong type, so an HS256 header never meets an RSA or EC public key.
     */
    public List<JWSVerifier> verifiersFor(JWSAlgorithm alg, String kid) throws JOSEException {
        List<JWSVerifier> verifiers = new ArrayList<>();
        for (JWK key : keysFor(alg, kid)) {
            verifiers.add(SigningAlgorithm.forKey(key).verifier(key));
        }
        return verifiers;
    }

    /** The {@code alg} of tokens signed with {@link #signingKey}. */
    public JWSAlgorithm signingJwsAlgorithm() {
        return signingAlgorithm.jws();
    }

    @Override
    public String toString() {
        return "SigningKeys[kid=" + signingKey.getKeyID() + ", alg=" + signingAlgorithm.jws()
                + ", keys=" + verificationKeys.size() + ", generated=" + generated + "]";
    }
}
