"""Signing keys made in the test, and the tokens (good and bad) that the tests present."""
import base64
import hashlib
import hmac
import json
import secrets
import time
import uuid

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64_int(value):
    return _b64(value.to_bytes(32, "big"))


class TestKey:
    """An ES256 (P-256) key pair with a random kid."""

    def __init__(self, prefix="key"):
        self.kid = f"{prefix}-{secrets.token_hex(4)}"
        self.private_key = ec.generate_private_key(ec.SECP256R1())

    def private_jwk(self):
        numbers = self.private_key.private_numbers()
        return {"kty": "EC", "crv": "P-256", "kid": self.kid, "alg": "ES256", "use": "sig",
                "x": _b64_int(numbers.public_numbers.x), "y": _b64_int(numbers.public_numbers.y),
                "d": _b64_int(numbers.private_value)}

    def public_pem(self):
        return self.private_key.public_key().public_bytes(serialization.Encoding.PEM,
                                                          serialization.PublicFormat.SubjectPublicKeyInfo)


def signing_jwks(*keys):
    """The broker's ``broker.signing.jwks``: the first key signs, all are published."""
    return {"keys": [key.private_jwk() for key in keys]}


def claims(issuer, audience="backend", **overrides):
    """Claims as the broker writes them, valid for ten minutes from now, with ``overrides`` applied."""
    now = int(time.time())
    values = {"iss": issuer, "aud": audience, "sub": str(uuid.uuid4()), "sid": str(uuid.uuid4()),
              "jti": str(uuid.uuid4()), "iat": now, "nbf": now, "exp": now + 600, "auth_time": now,
              "client_id": "anon-broker-frontend"}
    values.update(overrides)
    return values


def sign(key, payload, **header):
    """An ES256 token signed with ``key``; ``header`` overrides kid and typ."""
    headers = {"kid": key.kid, "typ": "at+jwt"}
    headers.update(header)
    return jwt.encode(payload, key.private_key, algorithm="ES256", headers=headers)


def unsigned(payload, kid):
    """``alg: none`` (RFC 7519 section 6): header and payload, empty signature."""
    header = {"alg": "none", "typ": "at+jwt", "kid": kid}
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}."


def hs256_with_public_key(key, payload):
    """The algorithm-confusion attack: HMAC-SHA256 keyed with the published public key (PEM)."""
    header = {"alg": "HS256", "typ": "at+jwt", "kid": key.kid}
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    mac = hmac.new(key.public_pem(), signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(mac)}"


def tampered(token):
    """The broker's token with another ``sub`` in its payload and the original signature."""
    header, payload, signature = token.split(".")
    claims_ = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims_["sub"] = str(uuid.uuid4())
    return f"{header}.{_b64(json.dumps(claims_).encode())}.{signature}"


def header_of(token):
    return jwt.get_unverified_header(token)
