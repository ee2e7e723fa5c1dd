package example.backend;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 9449 section 7 for broker tokens: a token with {@code cnf.jkt} (bound to the browser's key) is accepted only as
 * {@code Authorization: DPoP <token>} with one {@code DPoP} proof by that key for this request: {@code typ: dpop+jwt},
 * ES256, a public P-256 {@code jwk} whose thumbprint is {@code cnf.jkt} and which verifies the signature, {@code htm}
 * this method, {@code htu} this backend's public URL ({@code anon-broker.backend-url}) and path, {@code iat} at most
 * 60 s old (5 s ahead), {@code ath} the token's SHA-256, and a {@code jti} not seen before. A bound token sent as
 * {@code Bearer} is refused; so is an unbound one sent as {@code DPoP}.
 */
@Singleton
class DpopProofValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");
    private static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final String DPOP_PREFIX = DpopTokenReader.SCHEME + " ";

    private final String backendUrl;
    private final UsedProofs usedProofs;

    DpopProofValidator(@Value("${anon-broker.backend-url:}") String backendUrl, UsedProofs usedProofs) {
        this.backendUrl = backendUrl.endsWith("/") ? backendUrl.substring(0, backendUrl.length() - 1) : backendUrl;
        this.usedProofs = usedProofs;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        if (request == null) {
            return false;
        }
        String authorization = request.getHeaders().getAuthorization().orElse("");
        boolean dpopScheme = authorization.regionMatches(true, 0, DPOP_PREFIX, 0, DPOP_PREFIX.length());
        Optional<String> keyThumbprint = keyThumbprint(claims.get("cnf"));
        if (keyThumbprint.isEmpty()) {
            return !dpopScheme;
        }
        List<String> proofs = request.getHeaders().getAll("DPoP");
        if (!dpopScheme || proofs.size() != 1 || backendUrl.isBlank()) {
            return false;
        }
        String token = authorization.substring(DPOP_PREFIX.length()).trim();
        return validProof(proofs.get(0), token, request.getMethodName(), backendUrl + request.getPath(),
                keyThumbprint.get());
    }

    private boolean validProof(String proof, String token, String method, String url, String keyThumbprint) {
        try {
            SignedJWT jwt = SignedJWT.parse(proof);
            if (!DPOP_JWT.equals(jwt.getHeader().getType()) || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || !(jwt.getHeader().getJWK() instanceof ECKey key) || key.isPrivate()
                    || !Curve.P_256.equals(key.getCurve())
                    || !sameText(key.computeThumbprint().toString(), keyThumbprint)
                    || !jwt.verify(new ECDSAVerifier(key))) {
                return false;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant issuedAt = claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
            Instant now = Instant.now();
            return method.equals(claims.getStringClaim("htm"))
                    && url.equals(withoutQuery(claims.getStringClaim("htu")))
                    && sameText(accessTokenHash(token), claims.getStringClaim("ath"))
                    && issuedAt != null && !issuedAt.isBefore(now.minus(MAX_AGE))
                    && !issuedAt.isAfter(now.plus(CLOCK_SKEW))
                    && claims.getJWTID() != null && !claims.getJWTID().isBlank()
                    && usedProofs.firstUse(keyThumbprint + " " + claims.getJWTID(), issuedAt.plus(MAX_AGE));
        } catch (ParseException | JOSEException | RuntimeException notAValidProof) {
            return false;
        }
    }

    private static Optional<String> keyThumbprint(Object confirmation) {
        return confirmation instanceof Map<?, ?> cnf && cnf.get("jkt") instanceof String jkt
                ? Optional.of(jkt) : Optional.empty();
    }

    private static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int end = url.length();
        for (char mark : new char[] {'?', '#'}) {
            int at = url.indexOf(mark);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return url.substring(0, end);
    }

    /** base64url(SHA-256(token)), RFC 9449 section 4.2. */
    private static String accessTokenHash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(digest).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameText(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}
