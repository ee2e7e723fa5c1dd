package example.backend;

import io.micronaut.http.HttpHeaders;
import io.micronaut.security.token.reader.HttpHeaderTokenReader;
import jakarta.inject.Singleton;

/**
 * Reads a DPoP-bound broker token from {@code Authorization: DPoP <token>} (RFC 9449 section 7.1), beside
 * micronaut-security's reader of {@code Bearer}. {@link DpopProofValidator} then insists on the proof.
 */
@Singleton
class DpopTokenReader extends HttpHeaderTokenReader {

    static final String SCHEME = "DPoP";

    @Override
    protected String getPrefix() {
        return SCHEME;
    }

    @Override
    protected String getHeaderName() {
        return HttpHeaders.AUTHORIZATION;
    }
}
