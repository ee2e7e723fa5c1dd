package dev.anonbroker.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The broker's keys, validated: the one that signs, all that verify, and the public JWK set (RFC 7517) that is
 * published. Each key's verifier is built once, here: building one decodes and checks the key, which a verification
 * must not pay for. {@link #toString()} never prints key material.
 */
public final class SigningKeys {

    private final JWK signingKey;
    private final SigningAlgorithm signingAlgorithm;
    private final JWSSigner signer;
    private final List<JWK> verificationKeys;
    private final JWKSet publishedKeys;
    private final boolean generated;
    private final Set<JWSAlgorithm> algorithms;
    private final Map<String, Verification> verificationsByKid;

    /** A key's verifier and the algorithm its type goes with. */
    private record Verification(JWSAlgorithm algorithm, JWSVerifier verifier) {
    }

    /**
     * @param signingKey       the first configured key, private, with its {@code kid}
     * @param signingAlgorithm the algorithm the signing key's type decides
     * @param signer           signs with {@code signingKey}
     * @param verificationKeys every configured key, each with its own {@code kid}, in configured order
     * @param publishedKeys    the public parts of the asymmetric keys, with {@code alg} and {@code use: sig}
     * @param generated        whether the signing key was generated at start-up (development)
     */
    SigningKeys(JWK signingKey, SigningAlgorithm signingAlgorithm, JWSSigner signer, List<JWK> verificationKeys,
                JWKSet publishedKeys, boolean generated) throws JOSEException {
        this.signingKey = signingKey;
        this.signingAlgorithm = signingAlgorithm;
        this.signer = signer;
        this.verificationKeys = List.copyOf(verificationKeys);
        this.publishedKeys = publishedKeys;
        this.generated = generated;
        Set<JWSAlgorithm> allowed = new LinkedHashSet<>();
        allowed.add(signingAlgorithm.jws());
        Map<String, Verification> byKid = new HashMap<>();
        for (JWK key : this.verificationKeys) {
            SigningAlgorithm algorithm = SigningAlgorithm.forKey(key);
            allowed.add(algorithm.jws());
            byKid.put(key.getKeyID(), new Verification(algorithm.jws(), algorithm.verifier(key)));
        }
        this.algorithms = Collections.unmodifiableSet(allowed);
        this.verificationsByKid = Map.copyOf(byKid);
    }

    public JWK signingKey() {
        return signingKey;
    }

    public SigningAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    public JWSSigner signer() {
        return signer;
    }

    public List<JWK> verificationKeys() {
        return verificationKeys;
    }

    public JWKSet publishedKeys() {
        return publishedKeys;
    }

    public boolean generated() {
        return generated;
    }

    /** The algorithms of all configured keys, signing algorithm first: the verifier's allow-list. */
    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /**
     * The verifier of the key with this {@code kid} when its type goes with {@code alg}; empty for an unknown kid or a
     * wrong type, so an HS256 header never meets an RSA or EC public key.
     */
    public Optional<JWSVerifier> verifierFor(JWSAlgorithm alg, String kid) {
        Verification verification = kid == null ? null : verificationsByKid.get(kid);
        return verification != null && verification.algorithm().equals(alg)
                ? Optional.of(verification.verifier()) : Optional.empty();
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
