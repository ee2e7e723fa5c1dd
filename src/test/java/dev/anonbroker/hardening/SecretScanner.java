package dev.anonbroker.hardening;

import com.nimbusds.jose.jwk.JWK;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of one run, each under a label, and the search for them in any text: a secret itself, the signature
 * segment of a JWT alone, any 16 characters of a secret or signature (a log might print only part of one), anything
 * shaped like a JWT, and 43 random-looking base64url characters (a throwaway password or a refresh token the run did
 * not collect). Findings name the label and the place, never the secret.
 */
final class SecretScanner {

    /** The JWK members that hold private key material: EC and RSA private exponent, RSA CRT parts, symmetric key. */
    static final List<String> PRIVATE_JWK_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "k");

    private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}");
    private static final Pattern PASSWORD_SHAPE = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");
    /** Shorter parts would match by chance. */
    private static final int MIN_SECRET_LENGTH = 12;
    /** 16 random base64url characters are 96 bits: a part this long of a secret is that secret leaking. */
    private static final int PART_LENGTH = 16;

    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> parts = new HashMap<>();

    /** Adds {@code value} and, for a JWT, its signature segment alone. */
    SecretScanner add(String label, String value) {
        if (value == null || value.length() < MIN_SECRET_LENGTH) {
            return this;
        }
        labels.putIfAbsent(value, label);
        String[] segments = value.split("\\.", -1);
        boolean jwt = segments.length == 3;
        if (jwt && segments[2].length() >= MIN_SECRET_LENGTH) {
            labels.putIfAbsent(segments[2], label + " (signature segment)");
        }
        // A JWT's header and claims are no secret, its signature is.
        String secretPart = jwt ? segments[2] : value;
        String partLabel = jwt ? label + " (signature segment)" : label;
        for (int start = 0; start + PART_LENGTH <= secretPart.length(); start++) {
            parts.putIfAbsent(secretPart.substring(start, start + PART_LENGTH), partLabel);
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

    /**
     * Every known secret in {@code text}, and any 16 characters of one, as "where: label"; the {@code allowed} tokens
     * (a minting answer's own) are taken out of the text first.
     */
    List<String> secretsIn(String where, String text, Set<String> allowed) {
        String rest = text;
        for (String token : allowed) {
            rest = rest.replace(token, " ");
        }
        List<String> findings = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (Map.Entry<String, String> secret : labels.entrySet()) {
            if (rest.contains(secret.getKey())) {
                findings.add(where + ": " + secret.getValue());
                found.add(secret.getValue());
            }
        }
        for (int start = 0; start + PART_LENGTH <= rest.length(); start++) {
            String label = parts.get(rest.substring(start, start + PART_LENGTH));
            if (label != null && found.add(label)) {
                findings.add(where + ": part of " + label);
            }
        }
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

    private static boolean looksRandom(String candidate) {
        return candidate.chars().anyMatch(Character::isDigit) && candidate.chars().anyMatch(Character::isUpperCase)
                && candidate.chars().anyMatch(Character::isLowerCase);
    }
}
