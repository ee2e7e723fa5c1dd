"""BrokerTokenAuthentication with DPoP-bound tokens and with the token in a cookie, against a real broker process.

Bound tokens are minted at the broker with a proof by a key the test makes (as the browser client does). The cookie
tests put a broker token into the cookie themselves: the backend only reads the cookie, whoever set it.
"""
from django.test import override_settings

from .proofs import TestProofs
from .test_broker_token_authentication import ENDPOINT, BrokerTestCase

# The backend's public URL as the browser calls it; the test client reaches it in-process, as through a proxy.
PUBLIC_URL = "https://api.example.test"
RESOURCE = PUBLIC_URL + ENDPOINT
COOKIE = "__Host-anon-broker"
SITE = "https://www.example.test"
DPOP_CHALLENGE = 'DPoP realm="api", error="invalid_token", algs="ES256"'
PROOF_CHALLENGE = 'DPoP realm="api", error="invalid_dpop_proof", algs="ES256"'


class DpopTestCase(BrokerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        overridden = override_settings(ANON_BROKER_BACKEND_URL=PUBLIC_URL, ANON_BROKER_COOKIE_NAME=COOKIE,
                                       ANON_BROKER_ALLOWED_ORIGINS=[SITE])
        overridden.enable()
        cls.addClassCleanup(overridden.disable)

    def bound_session(self, browser):
        session = self.broker.new_session(dpop_proof=browser.proof("POST", f"{self.broker.issuer}/anon-session"))
        self.assertEqual("DPoP", session["token_type"])
        return session["access_token"]

    def request(self, method="get", authorization=None, proof=None, cookie=None, origin=None):
        headers = {}
        if authorization:
            headers["HTTP_AUTHORIZATION"] = authorization
        if proof:
            headers["HTTP_DPOP"] = proof
        if cookie:
            headers["HTTP_COOKIE"] = f"theme=dark; {COOKIE}={cookie}"
        if origin:
            headers["HTTP_ORIGIN"] = origin
        return getattr(self.client, method)(ENDPOINT, **headers)

    def assertStatus(self, response, status, challenge=None, reason=None):
        self.assertEqual(status, response.status_code, response.content)
        if challenge:
            self.assertEqual(challenge, response["WWW-Authenticate"])
        if reason:
            self.assertIn(f"({reason})", response.json()["detail"])


class DpopProofTest(DpopTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.browser = TestProofs()

    def setUp(self):
        self.token = self.bound_session(self.browser)

    def dpop(self, proof, method="get"):
        return self.request(method, authorization=f"DPoP {self.token}", proof=proof)

    def test_bound_token_with_a_fresh_proof_is_accepted_and_the_same_proof_again_refused(self):
        proof = self.browser.proof("GET", RESOURCE, self.token)
        self.assertStatus(self.dpop(proof), 200)
        self.assertStatus(self.dpop(proof), 401, PROOF_CHALLENGE, "dpop-replay")

    def test_proof_with_a_query_in_htu_and_a_post_with_a_post_proof_are_accepted(self):
        self.assertStatus(self.dpop(self.browser.proof("GET", RESOURCE + "?page=2", self.token)), 200)
        self.assertStatus(self.dpop(self.browser.proof("POST", RESOURCE, self.token), "post"), 200)

    def test_proof_for_another_method_is_refused(self):
        self.assertStatus(self.dpop(self.browser.proof("POST", RESOURCE, self.token)), 401, PROOF_CHALLENGE,
                          "dpop-htm")

    def test_proof_for_another_url_is_refused(self):
        for url in ("https://evil.test" + ENDPOINT, PUBLIC_URL + "/api/other"):
            with self.subTest(url=url):
                self.assertStatus(self.dpop(self.browser.proof("GET", url, self.token)), 401, PROOF_CHALLENGE,
                                  "dpop-htu")

    def test_stale_proof_and_proof_from_the_future_are_refused(self):
        for age in (120, -60):
            with self.subTest(age_seconds=age):
                proof = self.browser.proof("GET", RESOURCE, self.token, age_seconds=age)
                self.assertStatus(self.dpop(proof), 401, PROOF_CHALLENGE, "dpop-iat")

    def test_proof_for_another_access_token_is_refused(self):
        self.assertStatus(self.dpop(self.browser.proof("GET", RESOURCE, "another-token")), 401, PROOF_CHALLENGE,
                          "dpop-ath")

    def test_proof_signed_by_another_key_is_refused(self):
        self.assertStatus(self.dpop(TestProofs().proof("GET", RESOURCE, self.token)), 401, PROOF_CHALLENGE,
                          "dpop-key")

    def test_bound_token_without_a_proof_or_with_two_is_refused(self):
        self.assertStatus(self.dpop(None), 401, PROOF_CHALLENGE, "dpop-proof-missing")
        two = ", ".join(self.browser.proof("GET", RESOURCE, self.token) for _ in range(2))
        self.assertStatus(self.dpop(two), 401, PROOF_CHALLENGE, "dpop-proof-multiple")

    def test_bound_token_sent_as_bearer_is_refused_with_or_without_a_proof(self):
        self.assertStatus(self.request(authorization=f"Bearer {self.token}"), 401, DPOP_CHALLENGE, "dpop-bound")
        proof = self.browser.proof("GET", RESOURCE, self.token)
        self.assertStatus(self.request(authorization=f"Bearer {self.token}", proof=proof), 401, DPOP_CHALLENGE,
                          "dpop-bound")

    def test_bearer_token_sent_as_dpop_is_refused(self):
        bearer = self.broker.new_session()["access_token"]
        self.assertStatus(self.request(authorization=f"Bearer {bearer}"), 200)  # control
        proof = self.browser.proof("GET", RESOURCE, bearer)
        self.assertStatus(self.request(authorization=f"DPoP {bearer}", proof=proof), 401, DPOP_CHALLENGE,
                          "not-dpop-bound")

    def test_bound_tokens_are_refused_without_a_backend_url(self):
        with override_settings(ANON_BROKER_BACKEND_URL=""):
            proof = self.browser.proof("GET", RESOURCE, self.token)
            self.assertStatus(self.dpop(proof), 401, DPOP_CHALLENGE, "dpop-not-configured")


class CookieTest(DpopTestCase):

    def setUp(self):
        self.token = self.broker.new_session()["access_token"]

    def test_token_from_the_cookie_is_accepted_on_get_without_an_origin(self):
        self.assertStatus(self.request(cookie=self.token), 200)

    def test_post_with_the_cookie_from_an_allowed_origin_is_accepted(self):
        self.assertStatus(self.request("post", cookie=self.token, origin=SITE), 200)

    def test_post_with_the_cookie_from_a_foreign_origin_or_without_one_is_refused(self):
        for origin in ("https://evil.test", None, "null"):
            with self.subTest(origin=origin):
                response = self.request("post", cookie=self.token, origin=origin)
                self.assertStatus(response, 403)
                self.assertIn("needs an allowed Origin", response.json()["detail"])

    def test_authorization_header_still_works_and_wins_over_the_cookie(self):
        self.assertStatus(self.request("post", authorization=f"Bearer {self.token}"), 200)
        self.assertStatus(self.request(authorization=f"Bearer {self.token}", cookie="not-a-token"), 200)

    def test_bad_token_in_the_cookie_is_refused(self):
        self.assertStatus(self.request(cookie="not-a-token"), 401, 'Bearer realm="api", error="invalid_token"',
                          "malformed")

    def test_two_broker_cookies_are_refused(self):
        response = self.client.get(ENDPOINT, HTTP_COOKIE=f"{COOKIE}={self.token}; {COOKIE}={self.token}")
        self.assertStatus(response, 401)

    def test_bound_token_in_the_cookie_is_refused(self):
        browser = TestProofs()
        bound = self.bound_session(browser)
        self.assertStatus(self.request(cookie=bound, proof=browser.proof("GET", RESOURCE, bound)), 401,
                          DPOP_CHALLENGE, "dpop-bound")

    def test_cookie_is_ignored_when_no_cookie_name_is_set(self):
        with override_settings(ANON_BROKER_COOKIE_NAME=""):
            self.assertStatus(self.request(cookie=self.token), 401, 'Bearer realm="api"')
            self.assertStatus(self.request(authorization=f"Bearer {self.token}"), 200)
