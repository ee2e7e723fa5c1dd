package dev.anonbroker.gate.netlify;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks one {@code x-nf-sign} value as Netlify makes it: a compact JWS, HS256 with the secret's UTF-8 bytes
 * (through Nimbus' {@link MACVerifier}), {@code iss: netlify}, an {@code exp} five minutes out, and the site's
 * {@code netlify_id} and {@code site_url}. The header's {@code alg} must be exactly HS256, and carry no critical
 * parameters, before any cryptography: {@code none}, other HMAC lengths and public-key algorithms are refused.
 * {@code deploy_context} is not checked: every deploy of the site signs with the same secret.
 */
final class NetlifySignature {

    static final String ISSUER = "netlify";
    private static final int MAX_LENGTH = 4096;

    private final MACVerifier verifier;
    private final NetlifyConfiguration configuration;
    private final Duration clockSkew;
    private final Clock clock;

    NetlifySignature(NetlifyConfiguration configuration, Duration clockSkew, Clock clock) {
        this.configuration = configuration;
        this.clockSkew = clockSkew;
        this.clock = clock;
        try {
            this.verifier = new MACVerifier(configuration.signedProxySecret().getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalStateException(NetlifyConfiguration.SECRET + " was checked to be long enough", e);
        }
    }

    /** What is wrong with {@code value}, in the operator's terms; empty when it is a valid signature. */
    Optional<String> problem(String value) {
        if (value.length() > MAX_LENGTH || value.chars().filter(c -> c == '.').count() != 2) {
            return Optional.of(Problems.MALFORMED);
        }
        Optional<String> header = headerProblem(value.substring(0, value.indexOf('.')));
        if (header.isPresent()) {
            return header;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(value);
            if (!jwt.verify(verifier)) {
                return Optional.of(Problems.BAD_SIGNATURE);
            }
            return claimsProblem(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            return Optional.of(Problems.MALFORMED);
        }
    }

    private static Optional<String> headerProblem(String encodedHeader) {
        try {
            Header header = Header.parse(new Base64URL(encodedHeader));
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
                return Optional.of(Problems.WRONG_ALGORITHM);
            }
            return header.getIncludedParams().contains("crit") ? Optional.of(Problems.MALFORMED) : Optional.empty();
        } catch (ParseException e) {
            return Optional.of(Problems.MALFORMED);
        }
    }

    private Optional<String> claimsProblem(JWTClaimsSet claims) throws ParseException {
        if (!ISSUER.equals(claims.getIssuer())) {
            return Optional.of(Problems.WRONG_ISSUER);
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return Optional.of(Problems.NO_EXPIRY);
        }
        if (clock.instant().isAfter(expiry.toInstant().plus(clockSkew))) {
            return Optional.of(Problems.EXPIRED);
        }
        if (configuration.siteId() != null && !Objects.equals(configuration.siteId(), claims.getStringClaim("netlify_id"))) {
            return Optional.of(Problems.OTHER_SITE_ID);
        }
        if (configuration.siteUrl() != null && !Objects.equals(configuration.siteUrl(), claims.getStringClaim("site_url"))) {
            return Optional.of(Problems.OTHER_SITE_URL);
        }
        return Optional.empty();
    }

    /** The {@code detail} of each refusal; none repeats the header. */
    static final class Problems {
        static final String MALFORMED = "The x-nf-sign header is not a signature as Netlify makes it (a compact JWS). "
                + "Netlify adds it on proxy redirects with signed = \"...\" in netlify.toml; make sure nothing between "
                + "Netlify and the broker rewrites it.";
        static final String WRONG_ALGORITHM = "The x-nf-sign header is not signed with HS256, the only algorithm "
                + "Netlify uses and the broker accepts.";
        static final String BAD_SIGNATURE = "The x-nf-sign signature does not verify with "
                + NetlifyConfiguration.SECRET + ": set it to the value of the Netlify environment variable your "
                + "netlify.toml names in signed = \"...\".";
        static final String WRONG_ISSUER = "The x-nf-sign signature was not issued by Netlify (iss is not netlify).";
        static final String NO_EXPIRY = "The x-nf-sign signature carries no expiry (exp), as Netlify's always do.";
        static final String EXPIRED = "The x-nf-sign signature has expired: Netlify signs each request for five "
                + "minutes, so the request was replayed or the broker's clock is wrong (check NTP, broker.clock-skew).";
        static final String OTHER_SITE_ID = "The x-nf-sign signature was made for another Netlify site: its "
                + "netlify_id is not " + NetlifyConfiguration.PREFIX + ".site-id.";
        static final String OTHER_SITE_URL = "The x-nf-sign signature was made for another Netlify site: its "
                + "site_url is not " + NetlifyConfiguration.PREFIX + ".site-url.";

        private Problems() {
        }
    }
}
