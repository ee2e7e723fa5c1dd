package dev.anonbroker.gate.pow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anonbroker.support.BrokerHarness;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A client's side of ALTCHA v1, written from the protocol and independent of the broker's classes: brute-force the
 * number, build the widget's base64 payload, and sign challenges with a key of the test's choosing.
 */
public final class AltchaSolver {

    private AltchaSolver() {
    }

    /** The number in [0, maxNumber] with {@code hex(SHA-256(salt + number)) == challenge}. */
    public static long solve(String salt, String challenge, long maxNumber) {
        for (long number = 0; number <= maxNumber; number++) {
            if (sha256Hex(salt + number).equals(challenge)) {
                return number;
            }
        }
        throw new AssertionError("no number up to " + maxNumber + " solves the challenge");
    }

    /** Solves a challenge as {@code GET /anon-session/challenge} answers it and returns the widget's payload. */
    public static String payload(JsonNode challenge) {
        return encode(solution(challenge));
    }

    /** The payload's JSON, for tests that tamper with it. */
    public static ObjectNode solution(JsonNode challenge) {
        long number = solve(challenge.get("salt").asText(), challenge.get("challenge").asText(),
                challenge.get("maxnumber").asLong());
        ObjectNode solution = BrokerHarness.JSON.createObjectNode();
        solution.put("algorithm", challenge.get("algorithm").asText());
        solution.put("challenge", challenge.get("challenge").asText());
        solution.put("number", number);
        solution.put("salt", challenge.get("salt").asText());
        solution.put("signature", challenge.get("signature").asText());
        solution.put("took", 1);
        return solution;
    }

    public static String encode(JsonNode solution) {
        return encode(solution.toString());
    }

    public static String encode(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hmacHex(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A solved payload for {@code salt} and {@code number}, signed with {@code key}: what a forger could build. */
    public static String forged(String key, String salt, long number) {
        String challenge = sha256Hex(salt + number);
        ObjectNode solution = BrokerHarness.JSON.createObjectNode();
        solution.put("algorithm", "SHA-256");
        solution.put("challenge", challenge);
        solution.put("number", number);
        solution.put("salt", salt);
        solution.put("signature", hmacHex(key, challenge));
        return encode(solution);
    }
}
