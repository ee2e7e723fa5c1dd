"""RFC 9449 section 7: the proof that must come with a DPoP-bound broker token (one whose claims carry ``cnf.jkt``).

Knows nothing about Django: ``verify_proof`` checks one proof for one request and raises ``InvalidProof`` saying why
it was refused; ``UsedProofs`` remembers the ``jti`` of accepted proofs so that each is accepted once.
"""
import base64
import hashlib
import hmac
import json
import threading
import time
from urllib.parse import urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

# An explicit allow-list, never taken from the proof: the browser client signs with a WebCrypto P-256 key.
PROOF_ALGORITHMS = ("ES256",)
MAX_PROOF_LENGTH = 8192
DEFAULT_PORTS = {"http": 80, "https": 443}


class InvalidProof(Exception):
    """A proof was refused. ``reason`` is a short stable word; the message is for the caller."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason


class UsedProofs:
    """The ``jti`` of each accepted proof until its ``iat`` window has passed, per backend process (with several
    replicas, use a shared store such as Redis ``SET NX EX``). Bounded: when full of live entries, new proofs are
    refused rather than old ones forgotten."""

    def __init__(self, capacity=100_000, clock=time.time):
        self._capacity = capacity
        self._clock = clock
        self._forgettable_at = {}
        self._lock = threading.Lock()

    def first_use(self, proof_id, until):
        """True the first time ``proof_id`` is seen (then remembered until ``until``); False for a replay or when
        full."""
        with self._lock:
            if len(self._forgettable_at) >= self._capacity:
                now = self._clock()
                for seen in [seen for seen, expiry in self._forgettable_at.items() if expiry < now]:
                    del self._forgettable_at[seen]
                if len(self._forgettable_at) >= self._capacity:
                    return False
            if proof_id in self._forgettable_at:
                return False
            self._forgettable_at[proof_id] = until
            return True


def verify_proof(proof, *, token, key_thumbprint, method, url, used_proofs, max_age=60, clock_skew=5):
    """Checks ``proof`` for ``token`` bound to the key with thumbprint ``key_thumbprint``: ``typ: dpop+jwt``,
    ES256, a public P-256 ``jwk`` with that thumbprint which verifies the signature, ``htm`` = ``method``, ``htu`` =
    ``url`` (query and fragment ignored), ``iat`` at most ``max_age`` seconds old and ``clock_skew`` ahead, ``ath`` =
    base64url(SHA-256(token)), and a ``jti`` not used before."""
    claims = _verified_claims(proof, key_thumbprint)
    if claims.get("htm") != method:
        raise InvalidProof("dpop-htm", "the DPoP proof is for another HTTP method")
    expected_url = _normalised_url(url)
    if expected_url is None or not isinstance(claims.get("htu"), str) or _normalised_url(claims["htu"]) != expected_url:
        raise InvalidProof("dpop-htu", "the DPoP proof is for another URL")
    if not _same_text(access_token_hash(token), claims.get("ath")):
        raise InvalidProof("dpop-ath", "the DPoP proof is for another access token")
    issued_at = claims.get("iat")
    now = time.time()
    if not isinstance(issued_at, (int, float)) or isinstance(issued_at, bool) \
            or not now - max_age <= issued_at <= now + clock_skew:
        raise InvalidProof("dpop-iat", "the DPoP proof is too old or from the future")
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti or not used_proofs.first_use(f"{key_thumbprint} {jti}", issued_at + max_age):
        raise InvalidProof("dpop-replay", "the DPoP proof was used before")


def access_token_hash(token):
    """base64url(SHA-256(token)), RFC 9449 section 4.2."""
    return _b64(hashlib.sha256(token.encode("ascii")).digest())


def jwk_thumbprint(jwk):
    """RFC 7638 SHA-256 thumbprint of a P-256 public JWK: its required members, sorted, without whitespace."""
    members = {name: jwk[name] for name in ("crv", "kty", "x", "y")}
    canonical = json.dumps(members, sort_keys=True, separators=(",", ":"))
    return _b64(hashlib.sha256(canonical.encode("utf-8")).digest())


def _verified_claims(proof, key_thumbprint):
    if not isinstance(proof, str) or len(proof) > MAX_PROOF_LENGTH:
        raise InvalidProof("dpop-proof-malformed", "the DPoP proof is missing or too long")
    try:
        header = jwt.get_unverified_header(proof)
        jwk = header.get("jwk")
        if header.get("typ") != "dpop+jwt" or header.get("alg") not in PROOF_ALGORITHMS or not isinstance(jwk, dict) \
                or jwk.get("kty") != "EC" or jwk.get("crv") != "P-256" or "d" in jwk:
            raise InvalidProof("dpop-proof-signature", "the DPoP proof is not an ES256 dpop+jwt with a public jwk")
        key = jwt.PyJWK(jwk, algorithm="ES256").key
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise InvalidProof("dpop-proof-signature", "the DPoP proof's jwk is not a public key")
        claims = jwt.decode(proof, key, algorithms=list(PROOF_ALGORITHMS),
                            options={"verify_aud": False, "verify_iat": False, "verify_exp": False,
                                     "verify_nbf": False})
    except (jwt.PyJWTError, ValueError, TypeError, KeyError) as e:
        raise InvalidProof("dpop-proof-signature", "the DPoP proof does not verify") from e
    if not _same_text(jwk_thumbprint(jwk), key_thumbprint):
        raise InvalidProof("dpop-key", "the DPoP proof is signed by another key than the token is bound to")
    return claims


def _normalised_url(url):
    """Scheme, host and port (lower case, default port dropped) and path; query and fragment left out."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname if port is None or port == DEFAULT_PORTS.get(scheme) else f"{parts.hostname}:{port}"
    return f"{scheme}://{host}{parts.path or '/'}"


def _same_text(expected, actual):
    return isinstance(actual, str) and hmac.compare_digest(expected.encode("utf-8"), actual.encode("utf-8"))


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
