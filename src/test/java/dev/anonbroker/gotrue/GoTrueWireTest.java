package dev.anonbroker.gotrue;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain unit tests of the wire details: URLs, query strings, form bodies, Link and Retry-After headers. */
class GoTrueWireTest {

    @Test
    void baseUrlKeepsItsPathPrefixWithoutTrailingSlash() {
        URI uri = GoTrueHttpClientFactory.baseUrl(" https://ref.supabase.co/auth/v1/ ");

        assertEquals("https://ref.supabase.co/auth/v1", uri.toString());
        assertEquals("/auth/v1", uri.getPath());
    }

    @Test
    void emptyBaseUrlFailsWithTheSettingName() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> GoTrueHttpClientFactory.baseUrl(""));

        assertTrue(error.getMessage().contains("broker.gotrue.url"), error.getMessage());
    }

    @Test
    void relativeBaseUrlIsRefused() {
        assertThrows(IllegalStateException.class, () -> GoTrueHttpClientFactory.baseUrl("/.netlify/identity"));
    }

    @Test
    void queryEncodesSpacesAsPercent20AndSkipsNulls() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("page", 2);
        query.put("per_page", 50);
        query.put("filter", null);
        query.put("sort", "created_at asc");

        assertEquals("/admin/users?page=2&per_page=50&sort=created_at%20asc", GoTruePaths.withQuery("/admin/users", query));
    }

    @Test
    void formBodyIsUrlEncoded() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", "a+b@anon.invalid");
        form.put("password", "p&q=r s");

        assertEquals("grant_type=password&username=a%2Bb%40anon.invalid&password=p%26q%3Dr+s", GoTruePaths.form(form));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "netlify first page     | </admin/users?page=2&per_page=1>; rel=\"next\", </admin/users?page=3&per_page=1>; rel=\"last\" | true",
            "netlify middle page    | </admin/users?page=1&per_page=1>; rel=\"prev\", </admin/users?page=3&per_page=1>; rel=\"last\" | false",
            "supabase empty list    | </admin/users?page=0>; rel=\"last\"                                                         | false",
            "unquoted rel           | </admin/users?page=2>; rel=next                                                              | true"
    })
    void linkHeaderNextIsDetected(String description, String link, boolean expected) {
        MutableHttpResponse<?> response = HttpResponse.ok().header(HttpHeaders.LINK, link);

        assertEquals(expected, GoTrueHeaders.hasNext(response.getHeaders()));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");

        assertEquals(Duration.ofSeconds(7), GoTrueHeaders.retryAfter("7", now));
        assertEquals(Duration.ofSeconds(90), GoTrueHeaders.retryAfter("Fri, 01 May 2026 12:01:30 GMT", now));
        assertEquals(Duration.ZERO, GoTrueHeaders.retryAfter("Fri, 01 May 2026 11:00:00 GMT", now));
        assertNull(GoTrueHeaders.retryAfter("soon", now));
        assertNull(GoTrueHeaders.retryAfter(null, now));
    }
}
