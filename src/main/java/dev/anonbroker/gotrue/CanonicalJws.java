package dev.anonbroker.gotrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.credential.InvalidTokenException.Reason;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A compact JWS (RFC 7515 section 7.1) whose three segments are canonical base64url: only {@code [A-Za-z0-9_-]}, no
 * {@code =} padding, and the spare bits of the last character zero. Common decoders ({@code java.util.Base64}, Nimbus,
 * Go's {@code encoding/base64} behind GoTrue) accept padding and ignore spare bits, so one signature has up to eight
 * spellings; GoTrue issues only the canonical one, so any other is refused as malformed before any cryptography.
 *
 * <p>{@link #contentKey()} names what the token says independently of how it is spelled: the decoded header and
 * payload, which the signature covers. It is not the signature itself, because an ECDSA signature (supabase with
 * asymmetric keys, checked by GoTrue) stays valid as {@code (r, n - s)}: a second spelling of the same meaning.
 */
public final class CanonicalJws {

    private static final int MAX_LENGTH = 16384;
    private static final String KIND = "GoTrue token";
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final String compact;
    private final byte[] header;
    private final byte[] payload;

    private CanonicalJws(String compact, byte[] header, byte[] payload) {
        this.compact = compact;
        this.header = header;
        this.payload = payload;
    }

    /** @throws InvalidTokenException {@link Reason#MALFORMED} unless three canonical base64url segments */
    public static CanonicalJws parse(String compact) {
        if (compact == null || compact.isEmpty() || compact.length() > MAX_LENGTH) {
            throw malformed();
        }
        String[] segments = compact.split("\\.", -1);
        if (segments.length != 3 || segments[0].isEmpty() || segments[1].isEmpty() || segments[2].isEmpty()) {
            throw malformed();
        }
        byte[] header = decode(segments[0]);
        byte[] payload = decode(segments[1]);
        decode(segments[2]);
        return new CanonicalJws(compact, header, payload);
    }

    /** Decodes one segment, refusing every spelling but the one {@link #ENCODER} would write for the same bytes. */
    static byte[] decode(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!allowed) {
                throw malformed();
            }
        }
        if (segment.length() % 4 == 1) {
            throw malformed();
        }
        byte[] bytes = DECODER.decode(segment);
        if (!ENCODER.encodeToString(bytes).equals(segment)) {
            throw malformed();
        }
        return bytes;
    }

    /** The token as presented, which is canonical. */
    public String compact() {
        return compact;
    }

    /** What the token says, whatever its spelling and signature: the decoded header and payload, re-encoded. */
    public String contentKey() {
        return ENCODER.encodeToString(header) + "." + ENCODER.encodeToString(payload);
    }

    /**
     * The {@code exp} of the payload, read without checking the signature: only for a token that GoTrue itself has
     * just accepted ({@code GET /user}).
     *
     * @throws InvalidTokenException {@link Reason#MALFORMED} when the payload is no JSON object or has no {@code exp}
     */
    public Instant unverifiedExpiry() {
        try {
            Date exp = JWTClaimsSet.parse(new String(payload, StandardCharsets.UTF_8)).getExpirationTime();
            if (exp == null) {
                throw malformed();
            }
            return exp.toInstant();
        } catch (ParseException e) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED, e);
        }
    }

    private static InvalidTokenException malformed() {
        return new InvalidTokenException(KIND, Reason.MALFORMED);
    }
}
