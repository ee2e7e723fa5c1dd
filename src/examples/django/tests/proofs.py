"""DPoP proofs (RFC 9449 section 4.2) as the browser client makes them, by one fresh P-256 key per instance."""
import base64
import hashlib
import time
import uuid

import jwt
from cryptography.hazmat.primitives.asymmetric import ec


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class TestProofs:
    def __init__(self):
        self._key = ec.generate_private_key(ec.SECP256R1())
        numbers = self._key.public_key().public_numbers()
        self.public_jwk = {"kty": "EC", "crv": "P-256", "x": _b64(numbers.x.to_bytes(32, "big")),
                           "y": _b64(numbers.y.to_bytes(32, "big"))}

    def proof(self, method, url, access_token=None, age_seconds=0):
        """A proof for ``method url``, for ``access_token`` (``ath``) unless None, issued ``age_seconds`` ago."""
        claims = {"jti": str(uuid.uuid4()), "htm": method, "htu": url, "iat": int(time.time()) - age_seconds}
        if access_token is not None:
            claims["ath"] = _b64(hashlib.sha256(access_token.encode("ascii")).digest())
        return jwt.encode(claims, self._key, algorithm="ES256", headers={"typ": "dpop+jwt", "jwk": self.public_jwk})
