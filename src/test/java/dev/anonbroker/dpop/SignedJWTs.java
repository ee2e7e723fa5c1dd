package dev.anonbroker.dpop;

import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;

final class SignedJWTs {

    private SignedJWTs() {
    }

    static String jti(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
