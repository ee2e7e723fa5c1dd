package dev.anonbroker.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.keys.SigningKeySource;
import dev.anonbroker.keys.SigningKeys;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The signature micronaut-security-jwt's {@code JwtTokenGenerator} uses (it injects the bean named {@code generator}):
 * signs with the first configured key and writes the header RFC 9068 section 2.1 asks for: {@code alg}, {@code kid}
 * and {@code typ: at+jwt}.
 *
 * <p>As a {@code SignatureConfiguration} this bean would also let micronaut-security-jwt's JWT validator accept
 * broker tokens, checking only signature, {@code exp} and {@code nbf}. That validator is switched off, and this bean
 * declines all the same ({@link #supports} and {@link #verify} are false): broker tokens are verified by
 * {@link BrokerTokenVerifier} alone (through {@link BrokerTokenValidator}), which also checks {@code typ}, {@code iss}
 * and {@code aud}.
 */
@Singleton
@Named("generator")
final class BrokerSignatureGeneratorConfiguration implements SignatureGeneratorConfiguration {

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeySource keySource;

    BrokerSignatureGeneratorConfiguration(SigningKeySource keySource) {
        this.keySource = keySource;
    }

    @Override
    public SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
        SigningKeys keys = keySource.keys();
        JWSHeader header = new JWSHeader.Builder(keys.signingJwsAlgorithm())
                .keyID(keys.signingKey().getKeyID())
                .type(AT_JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(keys.signer());
        return jwt;
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "none: broker tokens are verified by the broker's own verifier, not by bearer authentication";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return false;
    }

    @Override
    public boolean verify(SignedJWT jwt) {
        return false;
    }
}
