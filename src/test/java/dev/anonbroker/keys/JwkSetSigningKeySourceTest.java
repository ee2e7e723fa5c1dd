package dev.anonbroker.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.anonbroker.token.support.TestKeys;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwkSetSigningKeySourceTest {

    private static SigningConfiguration jwks(String json) {
        return new SigningConfiguration(json, null, Duration.ofMinutes(5));
    }

    private static String refused(SigningConfiguration configuration) {
        return assertThrows(ConfigurationException.class, () -> JwkSetSigningKeySource.load(configuration))
                .getMessage();
    }

    static Stream<Arguments> refusedJwkSets() {
        RSAKey weakRsa = TestKeys.rsa("weak", 1024);
        return Stream.of(
                Arguments.of("not JSON", "{keys: oops", "not a valid JWK set"),
                Arguments.of("no keys", "{\"keys\": []}", "has no keys"),
                Arguments.of("RSA under 2048 bits", TestKeys.jwks(weakRsa), "RSA key has 1024 bits"),
                Arguments.of("HMAC secret under 256 bits", TestKeys.jwks(TestKeys.hmac("h", 128)),
                        "HS256 secret has 128 bits"),
                Arguments.of("EC key on P-384", TestKeys.jwks(TestKeys.ecP384("p384")), "curve P-384 is not supported"),
                Arguments.of("EC key claiming alg RS256", TestKeys.jwks(new ECKey.Builder(TestKeys.ec("e"))
                        .algorithm(JWSAlgorithm.RS256).build()), "alg RS256 does not fit a EC key"),
                Arguments.of("key for encryption", TestKeys.jwks(new ECKey.Builder(TestKeys.ec("e"))
                        .keyUse(KeyUse.ENCRYPTION).build()), "use is enc, must be sig"),
                Arguments.of("public-only first key", TestKeys.jwks(TestKeys.ec("pub").toPublicJWK()),
                        "key 1 (kid pub): the first key signs and needs its private part"),
                Arguments.of("duplicate kid", TestKeys.jwks(TestKeys.ec("same"), TestKeys.ec("same")),
                        "kid same is used twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedJwkSets")
    void unsafeJwkSetIsRefusedNamingTheSetting(String description, String json, String expected) {
        String message = refused(jwks(json));

        assertTrue(message.startsWith("broker.signing.jwks"), message);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void refusalNeverQuotesKeyMaterial() {
        RSAKey weak = TestKeys.rsa("weak", 1024);

        String message = refused(jwks(TestKeys.jwks(weak)));

        assertFalse(message.contains(weak.getPrivateExponent().toString()), message);
        assertFalse(message.contains(weak.getModulus().toString()), message);
    }

    @Test
    void missingFileIsRefusedNamingTheSettingAndPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        String message = refused(new SigningConfiguration(null, missing.toString(), Duration.ofMinutes(5)));

        assertTrue(message.startsWith("broker.signing.jwks-file (" + missing + ")"), message);
        assertTrue(message.contains("no such file"), message);
    }

    @Test
    void keysAreReadFromTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jwks.json"), TestKeys.jwks(TestKeys.rsa("r1", 2048)));

        SigningKeys keys = JwkSetSigningKeySource.load(new SigningConfiguration(" ", file.toString(), Duration.ZERO));

        assertEquals(SigningAlgorithm.RS256, keys.signingAlgorithm());
        assertEquals("r1", keys.signingKey().getKeyID());
    }

    @Test
    void settingBothSourcesIsRefused(@TempDir Path dir) {
        String message = refused(new SigningConfiguration(TestKeys.jwks(TestKeys.ec("e")),
                dir.resolve("x").toString(), Duration.ZERO));

        assertTrue(message.contains("broker.signing.jwks or broker.signing.jwks-file, not both"), message);
    }

    @Test
    void keyWithoutKidGetsItsThumbprint() throws Exception {
        ECKey noKid = new ECKey.Builder(TestKeys.ec("ignored")).keyID(null).build();

        SigningKeys keys = JwkSetSigningKeySource.load(jwks(TestKeys.jwks(noKid)));

        assertEquals(noKid.computeThumbprint().toString(), keys.signingKey().getKeyID());
        assertEquals(keys.signingKey().getKeyID(), keys.publishedKeys().getKeys().get(0).getKeyID());
    }

    @Test
    void onlyPublicPartsOfAsymmetricKeysArePublished() {
        String json = TestKeys.jwks(TestKeys.ed25519("ed"), TestKeys.hmac("hs", 256), TestKeys.rsa("rs", 2048));

        SigningKeys keys = JwkSetSigningKeySource.load(jwks(json));

        List<JWK> published = keys.publishedKeys().getKeys();
        assertEquals(List.of("ed", "rs"), published.stream().map(JWK::getKeyID).toList());
        published.forEach(key -> assertFalse(key.isPrivate(), key.getKeyID()));
        Map<String, Object> ed = published.get(0).toJSONObject();
        assertEquals("EdDSA", ed.get("alg"));
        assertEquals("sig", ed.get("use"));
        assertFalse(keys.publishedKeys().toString(true).contains("\"d\""));
        assertEquals(List.of(JWSAlgorithm.EdDSA, JWSAlgorithm.HS256, JWSAlgorithm.RS256), List.copyOf(keys.algorithms()));
    }

    @Test
    void hs256OnlySetupPublishesNoKeys() {
        SigningKeys keys = JwkSetSigningKeySource.load(jwks(TestKeys.jwks(TestKeys.hmac("hs", 512))));

        assertEquals(SigningAlgorithm.HS256, keys.signingAlgorithm());
        assertTrue(keys.publishedKeys().getKeys().isEmpty());
    }

    @Test
    void withoutConfigurationAnEs256KeyIsGenerated() {
        SigningKeys keys = JwkSetSigningKeySource.load(new SigningConfiguration(null, "", Duration.ZERO));

        assertTrue(keys.generated());
        assertEquals(SigningAlgorithm.ES256, keys.signingAlgorithm());
        assertNotNull(keys.signingKey().getKeyID());
        assertEquals(1, keys.publishedKeys().size());
        assertFalse(keys.toString().contains("\"d\""), keys.toString());
    }

    @Test
    void configurationToStringHidesTheKeys() {
        String json = TestKeys.jwks(TestKeys.hmac("hs", 256));

        assertFalse(jwks(json).toString().contains(json));
    }
}
