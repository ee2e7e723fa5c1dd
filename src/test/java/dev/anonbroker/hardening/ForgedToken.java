package dev.anonbroker.hardening;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.support.TestTokens;
import dev.anonbroker.token.support.ForgedTokens;
import dev.anonbroker.token.support.TestKeys;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/** The forged broker tokens of the fuzz test, each one step away from a token the broker would accept. */
enum ForgedToken {
    ALG_NONE("alg none") {
        @Override
        String forge(HardenedBroker broker) {
            return ForgedTokens.none(valid(broker).build());
        }
    },
    HS256_WITH_PUBLIC_KEY("HS256 keyed with the broker's public key") {
        @Override
        String forge(HardenedBroker broker) {
            return ForgedTokens.hs256WithPublicKey(broker.signingKey, valid(broker).build());
        }
    },
    HS256_WITH_GOTRUE_SECRET("HS256 keyed with GoTrue's JWT secret") {
        @Override
        String forge(HardenedBroker broker) {
            return TestTokens.hs256(TestSecrets.GOTRUE_JWT_SECRET, "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"signing\"}",
                    valid(broker).build().toString());
        }
    },
    STRANGER_WITH_OUR_KID("a stranger's key with our kid") {
        @Override
        String forge(HardenedBroker broker) {
            return ForgedTokens.es256(TestKeys.ec("signing"), valid(broker).build());
        }
    },
    EMBEDDED_JWK("the stranger's key embedded as jwk") {
        @Override
        String forge(HardenedBroker broker) {
            ECKey stranger = TestKeys.ec("signing");
            return ForgedTokens.es256(stranger, header().jwk(stranger.toPublicJWK()).build(), valid(broker).build());
        }
    },
    JKU("jku pointing at the stranger's key set") {
        @Override
        String forge(HardenedBroker broker) {
            return ForgedTokens.es256(TestKeys.ec("signing"),
                    header().jwkURL(URI.create("http://127.0.0.1:9/jwks.json")).build(), valid(broker).build());
        }
    },
    X5U("x5u pointing at the stranger's certificate") {
        @Override
        String forge(HardenedBroker broker) {
            return ForgedTokens.es256(TestKeys.ec("signing"),
                    header().x509CertURL(URI.create("http://127.0.0.1:9/cert.pem")).build(), valid(broker).build());
        }
    },
    UNKNOWN_CRIT("our key, with a critical header the broker does not understand") {
        @Override
        String forge(HardenedBroker broker) {
            return ForgedTokens.es256(broker.signingKey, header().criticalParams(Set.of("x-bound"))
                    .customParam("x-bound", "anywhere").build(), valid(broker).build());
        }
    },
    EXPIRED("our key, expired an hour ago") {
        @Override
        String forge(HardenedBroker broker) {
            return ours(broker, ForgedTokens.claims(broker.issuer, "backend", Instant.now().minus(Duration.ofHours(2)),
                    Duration.ofHours(1)));
        }
    },
    NOT_YET_VALID("our key, valid from an hour on") {
        @Override
        String forge(HardenedBroker broker) {
            return ours(broker, ForgedTokens.claims(broker.issuer, "backend", Instant.now().plus(Duration.ofHours(1)),
                    Duration.ofMinutes(10)));
        }
    },
    WRONG_ISSUER("our key, another issuer") {
        @Override
        String forge(HardenedBroker broker) {
            return ours(broker, valid(broker).issuer("https://issuer.example"));
        }
    },
    WRONG_AUDIENCE("our key, another audience") {
        @Override
        String forge(HardenedBroker broker) {
            return ours(broker, valid(broker).audience("elsewhere"));
        }
    },
    WRONG_TYPE("our key, typ JWT instead of at+jwt") {
        @Override
        String forge(HardenedBroker broker) {
            return ForgedTokens.es256(broker.signingKey, new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .type(JOSEObjectType.JWT).keyID("signing").build(), valid(broker).build());
        }
    },
    TAMPERED("a real token with another payload") {
        @Override
        String forge(HardenedBroker broker) {
            return ForgedTokens.withPayload(broker.session().get("access_token").asText(),
                    valid(broker).audience("reports").build());
        }
    },
    TRUNCATED("a real token cut short") {
        @Override
        String forge(HardenedBroker broker) {
            String token = broker.session().get("access_token").asText();
            return token.substring(0, token.length() / 2 + token.length() % 7);
        }
    },
    OVERSIZED("our key, 8 KB of claims") {
        @Override
        String forge(HardenedBroker broker) {
            return ours(broker, valid(broker).claim("padding", "p".repeat(8 * 1024)));
        }
    },
    PAYLOAD_NOT_JSON("our key, a payload that is not JSON") {
        @Override
        String forge(HardenedBroker broker) {
            String real = ours(broker, valid(broker));
            return real.substring(0, real.indexOf('.')) + "." + TestTokens.b64("[1e999999999") + "."
                    + real.substring(real.lastIndexOf('.') + 1);
        }
    };

    private final String description;

    ForgedToken(String description) {
        this.description = description;
    }

    abstract String forge(HardenedBroker broker);

    /** The claims of a token the broker would accept right now. */
    static JWTClaimsSet.Builder valid(HardenedBroker broker) {
        return ForgedTokens.claims(broker.issuer, "backend", Instant.now(), Duration.ofMinutes(5));
    }

    static String ours(HardenedBroker broker, JWTClaimsSet.Builder claims) {
        return ForgedTokens.es256(broker.signingKey, claims.build());
    }

    private static JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID("signing");
    }


    @Override
    public String toString() {
        return description;
    }
}
