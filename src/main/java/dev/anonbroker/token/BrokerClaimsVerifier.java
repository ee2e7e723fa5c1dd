package dev.anonbroker.token;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.config.BrokerIssuer;
import dev.anonbroker.credential.InvalidTokenException.Reason;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The claim checks of RFC 9068 section 4 for broker tokens: {@code iss} exactly the broker's issuer, a single
 * {@code aud} from {@code broker.audiences}, {@code exp}, {@code nbf} and {@code iat} against the injected clock with
 * {@code broker.clock-skew}. Failures carry their {@link Reason}.
 */
final class BrokerClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {

    private final BrokerConfiguration configuration;
    private final BrokerIssuer issuer;
    private final Clock clock;

    BrokerClaimsVerifier(BrokerConfiguration configuration, BrokerIssuer issuer, Clock clock) {
        this.configuration = configuration;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws Rejection {
        if (!issuer.value().equals(claims.getIssuer())) {
            throw new Rejection(Reason.WRONG_ISSUER);
        }
        List<String> audience = claims.getAudience();
        if (audience.size() != 1 || !configuration.audiences().contains(audience.get(0))) {
            throw new Rejection(Reason.WRONG_AUDIENCE);
        }
        Instant now = clock.instant();
        Duration skew = configuration.clockSkew();
        Instant expiresAt = required(claims.getExpirationTime());
        if (!now.isBefore(expiresAt.plus(skew))) {
            throw new Rejection(Reason.EXPIRED);
        }
        Instant issuedAt = required(claims.getIssueTime());
        Date notBefore = claims.getNotBeforeTime();
        Instant earliest = notBefore == null || notBefore.toInstant().isBefore(issuedAt) ? issuedAt : notBefore.toInstant();
        if (now.plus(skew).isBefore(earliest)) {
            throw new Rejection(Reason.NOT_YET_VALID);
        }
    }

    private static Instant required(Date date) throws Rejection {
        if (date == null) {
            throw new Rejection(Reason.MALFORMED);
        }
        return date.toInstant();
    }

    /** A claim check failed for {@link #reason}. */
    static final class Rejection extends BadJWTException {

        private final Reason reason;

        Rejection(Reason reason) {
            super(reason.description());
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }
}
