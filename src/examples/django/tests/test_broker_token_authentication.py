"""BrokerTokenAuthentication against a real broker process: its tokens pass, forged and foreign ones do not.

The backend is this test process's Django app (the test client calls it in-process); it fetches the broker's JWKS
over HTTP like a deployed backend would.
"""
import time

from django.test import SimpleTestCase, override_settings

from anon_broker_auth.authentication import broker_token_settings
from anon_broker_auth.verifier import verifier_for

from . import tokens
from .broker import BrokerProcess

ENDPOINT = "/api/public-data"


class BrokerTestCase(SimpleTestCase):
    """Starts a broker signing with ``cls.key`` and points the backend's settings at it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.broker = BrokerProcess()
        cls.addClassCleanup(cls.broker.close)
        cls.key = tokens.TestKey("first")
        cls.broker.start(tokens.signing_jwks(cls.key))
        overridden = override_settings(ANON_BROKER_ISSUER=cls.broker.issuer)
        overridden.enable()
        cls.addClassCleanup(overridden.disable)

    def get_with(self, token):
        return self.client.get(ENDPOINT, HTTP_AUTHORIZATION=f"Bearer {token}")

    def assertAccepted(self, token):
        response = self.get_with(token)
        self.assertEqual(200, response.status_code, f"refused: {response.content!r}")
        return response.json()

    def assertRefused(self, token, reason):
        response = self.get_with(token)
        self.assertEqual(401, response.status_code, f"not refused: {response.content!r}")
        self.assertEqual('Bearer realm="api", error="invalid_token"', response["WWW-Authenticate"])
        self.assertIn(f"({reason})", response.json()["detail"])


class BrokerTokenAuthenticationTest(BrokerTestCase):

    def test_token_from_anon_session_is_accepted(self):
        session = self.broker.new_session()
        body = self.assertAccepted(session["access_token"])
        self.assertEqual(session["session_id"], body["session"])

    def test_token_signed_with_the_published_key_and_good_claims_is_accepted(self):
        # The control for the forged tokens below: each differs from this one in one respect only.
        self.assertAccepted(tokens.sign(self.key, tokens.claims(self.broker.issuer)))

    def test_request_without_token_gets_401_with_bearer_challenge(self):
        response = self.client.get(ENDPOINT)
        self.assertEqual(401, response.status_code)
        self.assertEqual('Bearer realm="api"', response["WWW-Authenticate"])

    def test_expired_token_is_refused(self):
        hour_ago = int(time.time()) - 3600
        payload = tokens.claims(self.broker.issuer, iat=hour_ago - 600, nbf=hour_ago - 600, exp=hour_ago)
        self.assertRefused(tokens.sign(self.key, payload), "expired")

    def test_token_for_another_audience_is_refused(self):
        self.assertRefused(tokens.sign(self.key, tokens.claims(self.broker.issuer, audience="other-api")), "audience")

    def test_token_from_another_issuer_is_refused(self):
        payload = tokens.claims("https://broker.example.com")
        self.assertRefused(tokens.sign(self.key, payload), "issuer")

    def test_tampered_token_is_refused(self):
        token = self.broker.new_session()["access_token"]
        self.assertRefused(tokens.tampered(token), "signature")

    def test_unsigned_alg_none_token_is_refused(self):
        self.assertRefused(tokens.unsigned(tokens.claims(self.broker.issuer), self.key.kid), "algorithm")

    def test_hs256_token_keyed_with_the_public_key_is_refused(self):
        payload = tokens.claims(self.broker.issuer)
        self.assertRefused(tokens.hs256_with_public_key(self.key, payload), "algorithm")

    def test_token_signed_by_an_unpublished_key_is_refused(self):
        stranger = tokens.TestKey("unknown")
        self.assertRefused(tokens.sign(stranger, tokens.claims(self.broker.issuer)), "unknown-key")

    def test_token_that_is_not_an_access_token_is_refused(self):
        self.assertRefused(tokens.sign(self.key, tokens.claims(self.broker.issuer), typ="JWT"), "typ")


class BrokerKeyRotationTest(BrokerTestCase):

    def test_tokens_of_old_and_new_key_verify_after_rotation_without_restarting_the_backend(self):
        old_token = self.broker.new_session()["access_token"]
        self.assertAccepted(old_token)  # the backend now caches a key set without the new key
        verifier = verifier_for(broker_token_settings())

        new_key = tokens.TestKey("second")
        self.broker.stop()
        self.broker.start(tokens.signing_jwks(new_key, self.key))
        new_token = self.broker.new_session()["access_token"]

        self.assertEqual(new_key.kid, tokens.header_of(new_token)["kid"])
        self.assertAccepted(new_token)  # unknown kid: the backend fetches the key set again
        self.assertAccepted(old_token)
        self.assertIs(verifier, verifier_for(broker_token_settings()))
