package dev.anonbroker.hardening;

import com.nimbusds.jose.jwk.JWK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of one run, each under a label, and the search for them in any text: a secret itself, the signature
 * segment of a JWT alone (a log might print only part of a token), anything shaped like a JWT, and 43 random-looking
 * base64url characters (the shape of a throwaway password, which the test never sees). Findings name the label and
 * the place, never the secret.
 */
final class SecretScanner {

    /** The JWK members that hold private key material: EC and RSA private exponent, RSA CRT parts, symmetric key. */
    static final List<String> PRIVATE_JWK_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "k");

    private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}");
    private static final Pattern PASSWORD_SHAPE = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");
    /** Shorter parts would match by chance. */
    private static final int MIN_SECRET_LENGTH = 12;

    private final Map<String, String> labels = new LinkedHashMap<>();

    /** Adds {@code value} and, for a JWT, its signature segment alone. */
    SecretScanner add(String label, String value) {
        if (value == null || value.length() < MIN_SECRET_LENGTH) {
            return this;
        }
        labels.putIfAbsent(value, label);
        String[] parts = value.split("\\.", -1);
        if (parts.length == 3 && parts[2].length() >= MIN_SECRET_LENGTH) {
            labels.putIfAbsent(parts[2], label + " (signature segment)");
        }
        return this;
    }

    /** Adds every private member of {@code key}. */
    SecretScanner addPrivateParts(String label, JWK key) {
        Map<String, Object> members = key.toJSONObject();
        for (String member : PRIVATE_JWK_MEMBERS) {
            if (members.get(member) instanceof String value) {
                add(label + " private member " + member, value);
            }
        }
        return this;
    }

    int size() {
        return labels.size();
    }

    /** Every known secret in {@code text} but those in {@code allowed}, as "where: label". */
    List<String> secretsIn(String where, String text, Set<String> allowed) {
        List<String> findings = new ArrayList<>();
        labels.forEach((secret, label) -> {
            if (!isAllowed(secret, allowed) && text.contains(secret)) {
                findings.add(where + ": " + label);
            }
        });
        return findings;
    }

    List<String> secretsIn(String where, String text) {
        return secretsIn(where, text, Set.of());
    }

    /** Known secrets and anything shaped like a JWT. */
    List<String> secretsAndTokensIn(String where, String text) {
        List<String> findings = secretsIn(where, text);
        Matcher jwt = JWT_SHAPE.matcher(text);
        if (jwt.find()) {
            findings.add(where + ": a JWT-shaped string");
        }
        return findings;
    }

    /** Known secrets, JWT shapes, and password shapes (43 base64url characters with digits and both cases). */
    List<String> anythingSecretIn(String where, String text) {
        List<String> findings = secretsAndTokensIn(where, text);
        if (PASSWORD_SHAPE.matcher(text).results().anyMatch(match -> looksRandom(match.group()))) {
            findings.add(where + ": a password-shaped string (43 random base64url characters)");
        }
        return findings;
    }

    /** A signature segment is allowed where its whole token is. */
    private static boolean isAllowed(String secret, Set<String> allowed) {
        return allowed.contains(secret) || allowed.stream().anyMatch(token -> token.endsWith("." + secret));
    }

    private static boolean looksRandom(String candidate) {
        return candidate.chars().anyMatch(Character::isDigit) && candidate.chars().anyMatch(Character::isUpperCase)
                && candidate.chars().anyMatch(Character::isLowerCase);
    }
}
