"""Verifies broker tokens (RFC 9068 JWT access tokens) offline against the broker's JWKS.

Knows nothing about Django: ``BrokerTokenSettings`` says what to accept, ``verifier_for`` returns the one verifier per
settings value, whose PyJWT JWK client caches the key set and fetches it again when a token names an unknown ``kid``
(which is how a key rotation reaches a running backend).
"""
from dataclasses import dataclass
from functools import lru_cache
import logging

import jwt
from jwt.api_jwt import decode_complete

logger = logging.getLogger(__name__)

# RFC 9068 section 2.2: the claims every JWT access token carries.
REQUIRED_CLAIMS = ("iss", "exp", "aud", "sub", "client_id", "iat", "jti")
# RFC 9068 section 4: "at+jwt"; "application/at+jwt" is the same media type spelled out (RFC 7515 section 4.1.9).
ACCEPTED_TYPES = ("at+jwt", "application/at+jwt")
JWKS_FETCH_TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class BrokerTokenSettings:
    """What a backend accepts. ``jwks_url`` defaults to ``<issuer>/.well-known/jwks.json``."""

    issuer: str
    audience: str = "backend"
    algorithms: tuple = ("ES256",)
    jwks_url: str = ""
    leeway_seconds: int = 30
    jwks_lifespan_seconds: int = 300

    def __post_init__(self):
        if not self.issuer:
            raise ValueError("ANON_BROKER_ISSUER is not set: give the broker's issuer, e.g. https://broker.example.com")
        if not self.algorithms or any(alg.upper().startswith("HS") or alg == "none" for alg in self.algorithms):
            raise ValueError("ANON_BROKER_ALGORITHMS must list asymmetric algorithms only (ES256, RS256, EdDSA)")

    def resolved_jwks_url(self):
        return self.jwks_url or self.issuer.rstrip("/") + "/.well-known/jwks.json"


class InvalidBrokerToken(Exception):
    """A token was presented and refused. ``reason`` is a short stable word; the message is for the caller."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason


class BrokerTokenVerifier:
    def __init__(self, settings):
        self._settings = settings
        self._jwks = _jwk_client(settings.resolved_jwks_url(), settings.jwks_lifespan_seconds)

    def verify(self, token):
        """Returns the token's claims, or raises ``InvalidBrokerToken`` saying why it was refused."""
        key = self._signing_key(token)
        try:
            decoded = decode_complete(
                token,
                key.key,
                algorithms=list(self._settings.algorithms),
                audience=self._settings.audience,
                issuer=self._settings.issuer,
                leeway=self._settings.leeway_seconds,
                options={"require": list(REQUIRED_CLAIMS)},
            )
        except jwt.PyJWTError as e:
            raise _rejection(e) from e
        typ = str(decoded["header"].get("typ", "")).lower()
        if typ not in ACCEPTED_TYPES:
            raise InvalidBrokerToken("typ", "the token is not a JWT access token (header typ must be at+jwt)")
        return decoded["payload"]

    def _signing_key(self, token):
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as e:
            raise InvalidBrokerToken("malformed", "the token is not a JWT") from e
        if header.get("alg") not in self._settings.algorithms:
            raise InvalidBrokerToken("algorithm", "the token's algorithm is not accepted")
        if not isinstance(header.get("kid"), str):
            raise InvalidBrokerToken("unknown-key", "the token names no signing key (kid)")
        try:
            return self._jwks.get_signing_key(header["kid"])
        except jwt.PyJWKClientError as e:
            # PyJWT raises this both for a kid missing after a fresh fetch and for a failed fetch; log the latter.
            if "Fail to fetch" in str(e):
                logger.warning("broker JWKS at %s could not be fetched: %s", self._settings.resolved_jwks_url(), e)
                raise InvalidBrokerToken("jwks-unavailable", "the broker's signing keys could not be fetched") from e
            raise InvalidBrokerToken("unknown-key", "the token was signed by a key the broker does not publish") from e


def _rejection(error):
    if isinstance(error, jwt.ExpiredSignatureError):
        return InvalidBrokerToken("expired", "the token has expired")
    if isinstance(error, jwt.ImmatureSignatureError):
        return InvalidBrokerToken("not-yet-valid", "the token is not valid yet")
    if isinstance(error, jwt.InvalidAudienceError):
        return InvalidBrokerToken("audience", "the token is meant for another audience")
    if isinstance(error, jwt.InvalidIssuerError):
        return InvalidBrokerToken("issuer", "the token comes from another issuer")
    if isinstance(error, jwt.InvalidSignatureError):
        return InvalidBrokerToken("signature", "the token's signature does not verify")
    if isinstance(error, jwt.InvalidAlgorithmError):
        return InvalidBrokerToken("algorithm", "the token's algorithm is not accepted")
    if isinstance(error, jwt.MissingRequiredClaimError):
        return InvalidBrokerToken("claims", f"the token lacks the {error.claim} claim")
    return InvalidBrokerToken("malformed", "the token could not be read")


def _jwk_client(url, lifespan_seconds):
    # cache_keys stays off: its per-kid cache never expires, so a key removed from the JWKS would stay trusted.
    # The key set itself is cached for lifespan_seconds and fetched again when a token names an unknown kid.
    try:
        return jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=lifespan_seconds,
                               timeout=JWKS_FETCH_TIMEOUT_SECONDS)
    except TypeError:  # PyJWT < 2.7 has no timeout parameter
        return jwt.PyJWKClient(url, cache_jwk_set=True, lifespan=lifespan_seconds)


@lru_cache(maxsize=8)
def verifier_for(settings):
    """One verifier, and so one key cache, per settings value for the life of the process."""
    return BrokerTokenVerifier(settings)
