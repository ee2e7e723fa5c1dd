package dev.anonbroker.backend;

import dev.anonbroker.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenFormReaderTest {

    @Test
    void decodesPercentAndPlusAndIgnoresOtherParameters() {
        TokenForm form = TokenFormReader.parse("client_id=x&&token=a%2Eb+c&token_type_hint=access_token&flag");

        assertEquals("a.b c", form.token());
        assertEquals("access_token", form.tokenTypeHint());
    }

    @Test
    void anAbsentParameterIsNullAndANameWithoutValueIsEmpty() {
        assertNull(TokenFormReader.parse("token_type_hint=x").token());
        assertEquals("", TokenFormReader.parse("token").token());
    }

    @Test
    void aRepeatedParameterOrBrokenEncodingIsRefused() {
        assertThrows(ProblemException.class, () -> TokenFormReader.parse("token=a&token=b"));
        assertThrows(ProblemException.class, () -> TokenFormReader.parse("token_type_hint=a&token_type_hint=a"));
        assertThrows(ProblemException.class, () -> TokenFormReader.parse("token=%zz"));
        assertThrows(ProblemException.class, () -> TokenFormReader.parse("token=abc%4"));
    }
}
